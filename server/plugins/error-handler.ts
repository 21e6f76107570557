// One error envelope for every failure: { error: { code, message, details? } }. Bad input is a 4xx; a 5xx never leaks internals.
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors'

// Postgres errors that can only come from bad input the schema did not catch.
export const pgClientErrors: Record<string, [number, string, string]> = {
  '22P02': [400, 'invalid-value', 'A value has the wrong format.'],
  '22007': [400, 'invalid-value', 'A date or time is not valid.'],
  '22008': [400, 'invalid-value', 'A date or time is out of range.'],
  '22003': [400, 'invalid-value', 'A number is out of range.'],
  '22001': [400, 'invalid-value', 'A value is too long.'],
  '23514': [
    400,
    'constraint-violated',
    'The values break a rule of this resource (for example an end before its start).',
  ],
  '23505': [409, 'already-exists', 'A resource with these values already exists.'],
  '23503': [404, 'not-found', 'A resource this request refers to does not exist.'],
}

const toKebab = (code: string) =>
  code
    .replace(/^FST_(ERR_)?/, '')
    .toLowerCase()
    .replace(/_/g, '-')

// Errors the router raises before any route or hook runs (Fastify's `frameworkErrors`); without this they carry Fastify's shape.
const routerErrors: Record<string, [string, string]> = {
  FST_ERR_BAD_URL: [
    'bad-url',
    'The URL is not valid: a percent sign must start a %XX escape of valid UTF-8. Encode the path and retry.',
  ],
  FST_ERR_MAX_PARAM_LENGTH: [
    'path-parameter-too-long',
    'A path parameter is longer than any id. Check the URL and retry.',
  ],
}

/** Answers the router's own errors (a malformed URL, an overlong path parameter) in the one error envelope. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const [code, message] = routerErrors[error.code] ?? [
    'bad-request',
    'The request could not be routed. Check the URL and retry.',
  ]
  void reply
    .status(error.statusCode && error.statusCode < 500 ? error.statusCode : 400)
    .send({ error: { code, message } })
}

const parserErrors: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'headers-too-large',
    'The request line and headers exceed 16 KB. Send long values in a JSON body instead.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request-timeout', 'The request took too long to arrive. Retry.'],
}

/** Answers what Node's HTTP parser refuses before Fastify sees a request, in the one error envelope. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code, message] = parserErrors[error.code ?? ''] ?? [
    400,
    'malformed-request',
    'The HTTP request is malformed.',
  ]
  const body = JSON.stringify({ error: { code, message } })
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(error)
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError & { details?: unknown }, request, reply) => {
      if (error instanceof AppError) {
        return reply
          .status(error.statusCode)
          .send({ error: { code: error.code, message: error.message, details: error.details } })
      }
      if (error.validation) {
        const where = error.validationContext ?? 'request'
        return reply.status(400).send({
          error: {
            code: 'invalid-request',
            message: `Invalid ${where}: ${error.message}`,
            details: error.validation.map((issue) => ({
              path: issue.instancePath,
              message: issue.message,
              params: issue.params,
            })),
          },
        })
      }
      const pgError = error.code ? pgClientErrors[error.code] : undefined
      if (pgError) {
        const [status, code, message] = pgError
        return reply.status(status).send({ error: { code, message } })
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        const code = error.code ? toKebab(error.code) : 'bad-request'
        return reply.status(error.statusCode).send({ error: { code, message: error.message } })
      }
      request.log.error({ err: error }, 'request failed')
      return reply.status(500).send({
        error: {
          code: 'internal-error',
          message:
            'Something went wrong on the server. Retry later; if it persists, tell the operator the time it happened.',
        },
      })
    })

    app.setNotFoundHandler((request, reply) => {
      reply.status(404).send({
        error: { code: 'route-not-found', message: `No route ${request.method} ${request.url.split('?')[0]}.` },
      })
    })
  },
  { name: 'error-handler' },
)
