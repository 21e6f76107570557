// DateTime (RFC 3339, UTC) and JSON scalars.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql'
import { badRequest } from '../errors'
import { isSaneDateTime } from '../../shared/sane-values'

function toIso(value: unknown): string {
  // Leads that crossed instances arrive with their dates as text; both serialize alike.
  const date =
    value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent this value')
  return date.toISOString()
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !isSaneDateTime(value))
    throw badRequest('invalid-request', 'A DateTime must be an RFC 3339 date-time, e.g. 2027-03-01T09:00:00Z.')
  return value
}

export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: toIso,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
})

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value)
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value)]))
    case Kind.LIST:
      return ast.values.map(literal)
    default:
      return null
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
})
