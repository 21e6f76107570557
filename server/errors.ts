// Domain failures as typed errors with a kebab-case code; the error handler maps them to the envelope.
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }

  /** What GraphQL reports of it (graphql-js copies an original error's `extensions`): the code, as REST's envelope. */
  get extensions() {
    return { code: this.code, ...(this.details === undefined ? {} : { details: this.details }) }
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details)
export const unauthorized = (
  message = 'Sign in first: send a valid access token as "Authorization: Bearer <token>".',
) => new AppError(401, 'unauthorized', message)
export const forbidden = (message: string) => new AppError(403, 'forbidden', message)
export const notFound = (what: string) => new AppError(404, 'not-found', `${what} was not found.`)
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details)
