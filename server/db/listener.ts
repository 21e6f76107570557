// LISTEN on a Postgres channel over a dedicated connection (never one of the pool's), reconnecting after a
// failure. PGlite (one in-process connection) has no listener: its readers keep polling.
import pg from 'pg'
import type { Database } from './database'

export interface Listener {
  stop(): Promise<void>
}

export function listen(
  db: Database,
  channel: string,
  onNotify: () => void,
  onError: (error: unknown) => void = () => {},
): Listener | null {
  if (db.kind !== 'postgres') return null
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`)
  const config = (db.pool as unknown as { options: pg.PoolConfig }).options
  let client: pg.Client | null = null
  let isStopped = false
  let retry: NodeJS.Timeout | undefined

  const connect = async () => {
    if (isStopped) return
    const next = new pg.Client({ ...config, application_name: `yardpass-listen-${channel}` })
    next.on('notification', () => onNotify())
    next.on('error', (error) => {
      onError(error)
      void next.end().catch(() => {})
      if (client === next) client = null
      scheduleReconnect()
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${channel}`)
      if (isStopped) return void (await next.end())
      client = next
      // Whatever committed while no one listened is read now.
      onNotify()
    } catch (error) {
      onError(error)
      void next.end().catch(() => {})
      scheduleReconnect()
    }
  }
  const scheduleReconnect = () => {
    if (isStopped) return
    clearTimeout(retry)
    retry = setTimeout(() => void connect(), 1000).unref()
  }
  void connect()
  return {
    async stop() {
      isStopped = true
      clearTimeout(retry)
      await client?.end().catch(() => {})
      client = null
    },
  }
}
