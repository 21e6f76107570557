// The GraphQL schema's source: the SDL of each area, joined. schema.graphql beside it is printed from this
// (`npm run graphql:schema`) for clients; a test keeps the two equal.
import { baseTypeDefs } from './base'
import { sponsorTypeDefs } from './sponsors'
import { peopleTypeDefs } from './people'
import { leadTypeDefs } from './leads'

export const typeDefs = [baseTypeDefs, sponsorTypeDefs, peopleTypeDefs, leadTypeDefs].join('\n')
