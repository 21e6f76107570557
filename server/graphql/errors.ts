// GraphQL answers carry the REST error codes in `extensions.code` (forbidden, not-found, tier-in-use, …);
// bad queries are invalid-query, too-deep or too-costly ones query-too-deep / query-too-costly; anything
// unexpected is internal-error with nothing internal in its message.
import { GraphQLError, type ExecutionResult } from 'graphql'
import type { FastifyReply } from 'fastify'
import { AppError } from '../errors'
import { pgClientErrors } from '../plugins/error-handler'

const internalMessage =
  'Something went wrong on the server. Retry later; if it persists, tell the operator the time it happened.'

type Formatted = {
  message: string
  locations?: unknown
  path?: unknown
  extensions: { code: string; details?: unknown }
}

function formatOne(
  error: GraphQLError,
  log: FastifyReply['log'] | undefined,
): { formatted: Formatted; status: number } {
  const original: unknown = error.originalError
  const base = {
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
  }
  if (original instanceof AppError) {
    return {
      formatted: {
        ...base,
        message: original.message,
        extensions: { code: original.code, ...(original.details === undefined ? {} : { details: original.details }) },
      },
      status: original.statusCode,
    }
  }
  const pgCode = (original as { code?: unknown } | undefined)?.code
  const pgError = typeof pgCode === 'string' ? pgClientErrors[pgCode] : undefined
  if (pgError)
    return { formatted: { ...base, message: pgError[2], extensions: { code: pgError[1] } }, status: pgError[0] }
  if (pgCode === 'MER_ERR_GQL_QUERY_DEPTH') {
    return {
      formatted: {
        message: `${error.message.replace(/`/g, '')}; ask for fewer nested levels.`,
        extensions: { code: 'query-too-deep' },
      },
      status: 400,
    }
  }
  if (pgCode === 'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND') {
    return {
      formatted: {
        message: 'Send the operation as { "query": "…", "variables": {…} } (GET: ?query=…).',
        extensions: { code: 'invalid-query' },
      },
      status: 400,
    }
  }
  const frameworkStatus = (original as { statusCode?: unknown } | undefined)?.statusCode
  if (
    typeof pgCode === 'string' &&
    typeof frameworkStatus === 'number' &&
    frameworkStatus >= 400 &&
    frameworkStatus < 500
  ) {
    const kebab = pgCode
      .replace(/^MER_ERR_(GQL_)?/, '')
      .toLowerCase()
      .replace(/_/g, '-')
    return { formatted: { ...base, message: error.message, extensions: { code: kebab } }, status: frameworkStatus }
  }
  const code = (error.extensions as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && /^[a-z-]+$/.test(code))
    return { formatted: { ...base, message: error.message, extensions: { code } }, status: 400 }
  if (!original) {
    // A syntax or validation error from graphql-js: the query itself is wrong.
    return { formatted: { ...base, message: error.message, extensions: { code: 'invalid-query' } }, status: 400 }
  }
  log?.error({ err: original }, 'graphql resolver failed')
  return { formatted: { ...base, message: internalMessage, extensions: { code: 'internal-error' } }, status: 500 }
}

/** Spreads mercurius's wrapped validation errors into their own entries. */
function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors
    if (!Array.isArray(inner)) return [error]
    return inner.map((item: Error) =>
      item instanceof GraphQLError ? item : new GraphQLError(item.message, { originalError: item }),
    )
  })
}

export interface FormattedErrors {
  statusCode: number
  response: { data: unknown; errors: Formatted[]; extensions?: Record<string, unknown> }
  /** The worst HTTP status the errors stand for: 400/422/5xx release an Idempotency-Key, as REST does. */
  worstStatus: number
}

export function formatErrors(
  execution: ExecutionResult & { statusCode?: number },
  log: FastifyReply['log'] | undefined,
): FormattedErrors {
  const results = flatten(execution.errors ?? []).map((error) => formatOne(error, log))
  const worstStatus = Math.max(...results.map((r) => r.status))
  // With data, GraphQL over HTTP answers 200 and the errors say what failed; a request refused whole by one error
  // (a bad token, an invalid query, the one field refused) answers that error's status, as REST would.
  const single = results.length === 1 ? results[0]!.status : null
  const statusCode = execution.data ? 200 : (execution.statusCode ?? (single !== null && single >= 400 ? single : 200))
  return {
    statusCode,
    response: {
      data: execution.data ?? null,
      errors: results.map((r) => r.formatted),
      ...(execution.extensions ? { extensions: execution.extensions } : {}),
    },
    worstStatus,
  }
}
