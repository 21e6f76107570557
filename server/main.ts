// Runs the sync server: `npm run server` (add `-- --role api|worker|all`). Reads config, listens, stops gracefully.
import { ConfigError, loadConfig } from './config'
import { MigrationHistoryError } from './db/migrate'
import { startServer } from './server'

async function main() {
  const config = loadConfig(process.env, process.argv.slice(2))
  const server = await startServer(config)
  server.app.log.info(`Yardpass sync server (${config.role}) listening on ${server.url}`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down')
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      )
    })
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MigrationHistoryError) {
    console.error(error.message)
  } else {
    console.error('The server could not start:', error instanceof Error ? error.message : error)
  }
  process.exit(1)
})
