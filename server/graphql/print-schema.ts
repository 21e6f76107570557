// Writes schema.graphql (the schema clients read) from the schema's source: `npm run graphql:schema`.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { printSchema } from 'graphql'
import { graphqlSchema } from './graphql-plugin'

export const schemaFile = fileURLToPath(new URL('./schema.graphql', import.meta.url))

writeFileSync(schemaFile, `${printSchema(graphqlSchema())}\n`)
console.log(`wrote ${schemaFile}`)
