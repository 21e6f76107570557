// The edge of the server decides once what any request may contain, before a route sees it:
// - bodies, query strings and path parameters at most `maxJsonDepth` levels deep and without U+0000 in
//   any string or key (Postgres cannot store it) — JSON and text (CSV) bodies alike;
// - bodies are validated without type coercion (`null` is not 0, `true` is not 1), while query strings
//   and path parameters, which are text by nature, are coerced to their declared types;
// - date-times are RFC 3339 within shared/sane-values.ts's years; currencies are ISO 4217 codes.
import fp from 'fastify-plugin'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { hasNulCharacter, isCurrencyCode, isSaneDateTime } from '../../shared/sane-values'
import { badRequest } from '../errors'

export const maxJsonDepth = 32

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route refuses bad strings item by item itself (sync push rejects one mutation, not the batch). */
    checksStringsPerItem?: boolean
  }
}

/** The Ajv the routes validate with: `coerceTypes` false for bodies (the GraphQL layer checks its inputs with it too). */
export function validatorFor(coerceTypes: boolean) {
  const ajv = new Ajv({
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    addUsedSchema: false,
    strict: false,
  })
  addFormats(ajv)
  ajv.addFormat('date-time', { type: 'string', validate: isSaneDateTime })
  ajv.addFormat('iso4217', { type: 'string', validate: isCurrencyCode })
  return ajv
}

/** What is wrong with a parsed body, query or path: nesting deeper than maxDepth, or U+0000 in a string or key. */
export function inspectValue(value: unknown, maxDepth: number): 'too-deep' | 'nul' | null {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (typeof item === 'string') {
      if (hasNulCharacter(item)) return 'nul'
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      if (depth >= maxDepth) return 'too-deep'
      if (Array.isArray(item)) for (const child of item) stack.push([child, depth + 1])
      else {
        for (const [key, child] of Object.entries(item)) {
          if (hasNulCharacter(key)) return 'nul'
          stack.push([child, depth + 1])
        }
      }
    }
  }
  return null
}

export default fp(
  async (app) => {
    const strict = validatorFor(false)
    const coercing = validatorFor(true)
    app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema))

    // JSON.parse is iterative, so a deep body parses safely; what follows it (fingerprints, validation) is not.
    app.addHook('preValidation', async (request) => {
      const parts = [
        ['body', request.body],
        ['query string', request.query],
        ['path', request.params],
      ] as const
      const isBodyPerItem = request.routeOptions.config.checksStringsPerItem === true
      for (const [where, value] of parts) {
        const problem = inspectValue(value, maxJsonDepth)
        if (problem === 'nul' && !(where === 'body' && isBodyPerItem))
          throw badRequest(
            'invalid-characters',
            `The ${where} contains a NUL character (\\u0000), which no field accepts. Remove it and retry.`,
          )
        if (problem === 'too-deep')
          throw badRequest('too-deep', `The ${where} is nested more than ${maxJsonDepth} levels deep.`)
      }
    })
  },
  { name: 'input-guard' },
)
