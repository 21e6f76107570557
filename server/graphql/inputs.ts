// GraphQL inputs are checked against the very TypeBox schemas the REST routes validate their bodies with
// (same Ajv, same formats, no coercion): one set of input rules. GraphQL names are the REST names in camelCase.
import type { TSchema } from 'typebox'
import type { ValidateFunction } from 'ajv'
import { validatorFor } from '../plugins/input-guard'
import { badRequest } from '../errors'

const ajv = validatorFor(false)
const compiled = new WeakMap<TSchema, ValidateFunction>()

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** The input with its top-level names in snake_case, fields left out dropped (GraphQL passes them as absent). */
export function toRestBody(input: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) if (value !== undefined) body[snake(key)] = value
  return body
}

/** Checks a GraphQL input against a REST body schema; 400 invalid-request naming each problem, as REST answers. */
export function checkInput<T>(schema: TSchema, input: Record<string, unknown>): T {
  let validate = compiled.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    compiled.set(schema, validate)
  }
  const body = toRestBody(input)
  if (!validate(body)) {
    const details = (validate.errors ?? []).map((issue) => ({
      path: issue.instancePath,
      message: issue.message,
      params: issue.params,
    }))
    throw badRequest(
      'invalid-request',
      `Invalid input: ${ajv.errorsText(validate.errors, { dataVar: 'input' })}`,
      details,
    )
  }
  return body as T
}
