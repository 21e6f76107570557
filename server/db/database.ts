// One database layer over a pg-compatible pool, for embedded PGlite and real Postgres alike.
import pg from 'pg'
import { isUuid } from '../../shared/ids'

/** Anything that runs SQL: the database itself or a transaction. A named query is prepared once per connection. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string | NamedQuery, params?: unknown[]): Promise<pg.QueryResult<R>>
}

/** A hot statement kept prepared on each connection, so Postgres plans it once rather than on every call. */
export interface NamedQuery {
  name: string
  text: string
}

export const named = (name: string, text: string): NamedQuery => ({ name, text })

export interface TenantContext {
  orgId: string
  userId: string
}

/** Role every tenant-scoped transaction runs as, so row-level security applies (superusers bypass it). */
export const tenantRole = 'yardpass_app'


/** Told how long each statement and each transaction took (the metrics plugin listens). */
export type QueryTimer = (kind: 'statement' | 'transaction', seconds: number, ok: boolean) => void

export class Database {
  timer: QueryTimer | null = null

  constructor(
    readonly pool: pg.Pool,
    readonly kind: 'pglite' | 'postgres',
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string | NamedQuery, params?: unknown[]) {
    const running = typeof sql === 'string' ? this.pool.query<R>(sql, params) : this.pool.query<R>({ ...sql, values: params ?? [] })
    return this.timer ? timed(running, 'statement', this.timer) : running
  }

  /** Runs fn in one transaction; rolls back on any error. */
  transaction<T>(fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.run('BEGIN', fn)
  }

  private run<T>(begin: string, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const running = this.runUntimed(begin, fn)
    return this.timer ? timed(running, 'transaction', this.timer) : running
  }

  private async runUntimed<T>(begin: string, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query(begin)
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }

  /** A transaction scoped to one organization: row-level security sees only that org's rows. */
  tenantTransaction<T>(tenant: TenantContext, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.kind === 'postgres' && isUuid(tenant.orgId) && isUuid(tenant.userId)) {
      // One round trip instead of two; the ids are checked UUIDs, so writing them into the SQL is safe.
      return this.run(
        `BEGIN; SET LOCAL role ${tenantRole}; SET LOCAL app.org_id = '${tenant.orgId}'; SET LOCAL app.user_id = '${tenant.userId}'`,
        fn,
      )
    }
    return this.transaction(async (tx) => {
      await tx.query(
        `SELECT set_config('role', $1, true), set_config('app.org_id', $2, true), set_config('app.user_id', $3, true)`,
        [tenantRole, tenant.orgId, tenant.userId],
      )
      return fn(tx)
    })
  }

  async close(): Promise<void> {
    await this.pool.end()
    await this.onClose()
  }
}

function timed<T>(running: Promise<T>, kind: 'statement' | 'transaction', timer: QueryTimer): Promise<T> {
  const started = process.hrtime.bigint()
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9
  return running.then(
    (result) => {
      timer(kind, seconds(), true)
      return result
    },
    (error: unknown) => {
      timer(kind, seconds(), false)
      throw error
    },
  )
}
