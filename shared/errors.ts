/** The one error shape every boundary (HTTP API, desktop API) returns. */
export interface ErrorBody {
  code: string
  message: string
  details?: unknown
}

export interface ErrorEnvelope {
  error: ErrorBody
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const body = (value as { error: unknown }).error
  return typeof body === 'object' && body !== null && 'code' in body && 'message' in body
}
