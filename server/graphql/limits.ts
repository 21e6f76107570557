// What one GraphQL operation may ask for, decided before anything runs: its depth (mercurius's queryDepth,
// GRAPHQL_MAX_DEPTH) and its cost (graphql-query-complexity, GRAPHQL_MAX_COST): each field costs 1 plus its
// children, and a list multiplies its children by its page size (`first`), or by 10 when it has none.
import { getNamedType, getNullableType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql'
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity'
import { AppError } from '../errors'

/** The size assumed for a list without a page size (a sponsor's sponsorships, a lead's interactions). */
export const assumedListSize = 10

const estimator: ComplexityEstimator = ({ field, args, childComplexity, type }) => {
  const size = typeof args.first === 'number' ? Math.max(args.first, 0) : null
  if (size !== null) return 1 + size * childComplexity
  // A connection's edges are its page: the page size was counted on the connection's field.
  const isPage = getNamedType(type).name.endsWith('Connection')
  if (isListType(getNullableType(field.type)) && !isPage) return 1 + assumedListSize * childComplexity
  return 1 + childComplexity
}

/** The operation's cost; 400 query-too-costly past the limit. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  maxCost: number,
): number {
  let cost: number
  try {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, estimators: [estimator] })
  } catch (error) {
    throw new AppError(400, 'invalid-query', error instanceof Error ? error.message : 'The query could not be read.')
  }
  if (cost > maxCost) {
    throw new AppError(
      400,
      'query-too-costly',
      `This query would cost ${cost}, above the limit of ${maxCost}: ask for smaller pages (first), fewer fields or fewer aliases.`,
      { cost, limit: maxCost },
    )
  }
  return cost
}
