// fast-check arbitraries from the JSON schemas of /openapi.json: values that fit a schema, values that almost
// fit (boundaries, one wrong field, an extra key) and values that do not (wrong types, NUL, huge, deep).
import fc from 'fast-check'

export type JsonSchema = {
  type?: string | string[]
  format?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  maxItems?: number
  nullable?: boolean
}

const nest = (levels: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf
  for (let i = 0; i < levels; i++) value = asArray ? [value] : { a: value }
  return value
}

/** Strings that break naive code: empty, NUL, lone surrogates, SQL, huge, numbers and dates that overflow. */
export const nastyString = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '🙂',
  'x'.repeat(10_001),
  "' OR 1=1 --",
  '%00',
  '../../etc/passwd',
  '<script>',
  '1e309',
  'NaN',
  '-1',
  '9'.repeat(40),
  'null',
  'true',
  '{}',
  '2027-02-30T25:61:00Z',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
  'ZZZ',
  'usd',
)
const nastyNumber = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
)

/** A value of the wrong kind for almost any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  nastyNumber,
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(nest(40, 1, false), nest(40, 1, true), nest(5, 'x', false)),
  fc.jsonValue({ maxDepth: 3 }),
)

export interface GenerationContext {
  /** Ids worth aiming at: the victim's rows, the caller's own, and strangers'. */
  ids: string[]
}

function uuidish(context: GenerationContext) {
  return fc.oneof(fc.constantFrom(...context.ids), fc.uuid())
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') ?? 'null'
  if (schema.type) return schema.type
  if (schema.properties) return 'object'
  return undefined
}

/** Values shaped by the schema; with `mixed`, any field may instead hold a wrong value. */
export function valueFor(
  schema: JsonSchema,
  context: GenerationContext,
  mixed: boolean,
  depth = 0,
  name = '',
): fc.Arbitrary<unknown> {
  const fit = fitFor(schema, context, mixed, depth, name)
  return mixed ? fc.oneof({ weight: 6, arbitrary: fit }, { weight: 1, arbitrary: wrongValue }) : fit
}

function fitFor(
  schema: JsonSchema,
  context: GenerationContext,
  mixed: boolean,
  depth: number,
  name: string,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null)
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const options = schema.anyOf ?? schema.oneOf
  if (options?.length) return fc.oneof(...options.map((option) => valueFor(option, context, mixed, depth, name)))
  if (schema.allOf?.length) return valueFor(schema.allOf[0]!, context, mixed, depth, name)
  const base = baseFor(schema, context, mixed, depth, name)
  return schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'))
    ? fc.option(base, { nil: null })
    : base
}

function baseFor(
  schema: JsonSchema,
  context: GenerationContext,
  mixed: boolean,
  depth: number,
  name: string,
): fc.Arbitrary<unknown> {
  switch (typeOf(schema)) {
    case 'string': {
      if (schema.format === 'uuid' || name.endsWith('_id')) return uuidish(context)
      if (schema.format === 'date-time') {
        return fc.oneof(
          fc
            .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString()),
          fc.constantFrom(
            '2027-03-01T09:00:00Z',
            '1000-01-01T00:00:00Z',
            '9999-12-31T23:59:59Z',
            '2027-03-01T09:00:00+14:00',
          ),
        )
      }
      if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.constant('a@b.example'))
      const min = schema.minLength ?? 0
      const max = Math.min(schema.maxLength ?? 40, 300)
      const bounds = [min, schema.maxLength ?? max, (schema.maxLength ?? max) + 1, Math.max(min - 1, 0)].map((n) =>
        'y'.repeat(Math.min(n, 20_000)),
      )
      return fc.oneof(fc.string({ minLength: min, maxLength: Math.max(min, max) }), fc.constantFrom(...bounds))
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? -1_000_000
      const max = schema.maximum ?? 1_000_000_000
      const arbitrary = schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true })
      return fc.oneof(arbitrary, fc.constantFrom(min, max, min - 1, max + 1))
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 4, 4)
      return fc.array(valueFor(schema.items ?? {}, context, mixed, depth + 1), { maxLength })
    }
    case 'object': {
      const properties = schema.properties ?? {}
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, valueFor(child, context, mixed, depth + 1, key)]),
      )
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** A body that nearly fits: one field wrong, a required field missing, or an unexpected key added. */
export function nearMissFor(schema: JsonSchema, context: GenerationContext): fc.Arbitrary<unknown> {
  const valid = valueFor(schema, context, false)
  const keys = Object.keys(schema.properties ?? {})
  if (typeOf(schema) !== 'object' || keys.length === 0) return fc.oneof(valid, wrongValue)
  const record = valid.filter(
    (v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v),
  )
  return fc.oneof(
    fc.tuple(record, fc.constantFrom(...keys), wrongValue).map(([body, key, value]) => ({ ...body, [key]: value })),
    fc
      .tuple(record, fc.constantFrom(...keys))
      .map(([body, key]) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key))),
    fc.tuple(record, fc.string({ maxLength: 12 }), wrongValue).map(([body, key, value]) => ({ ...body, [key]: value })),
  )
}

/** Any request body for a route, as the text sent on the wire; undefined sends none. */
export function bodyTextFor(
  schema: JsonSchema | undefined,
  context: GenerationContext,
): fc.Arbitrary<string | undefined> {
  const shaped = schema
    ? fc.oneof(
        { weight: 3, arbitrary: valueFor(schema, context, false) },
        { weight: 1, arbitrary: valueFor(schema, context, true) },
        { weight: 2, arbitrary: nearMissFor(schema, context) },
      )
    : fc.jsonValue({ maxDepth: 3 })
  return fc.oneof(
    { weight: 6, arbitrary: shaped.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        '{',
        'null',
        '[]',
        '"\\u0000"',
        '['.repeat(5000) + ']'.repeat(5000),
        '{"a":'.repeat(100) + '1' + '}'.repeat(100),
        '{"__proto__":{"is_platform_admin":true},"constructor":{"prototype":{"is_platform_admin":true}}}',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  )
}
