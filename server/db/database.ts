// One database layer over a pg-compatible pool, for embedded PGlite and real Postgres alike.
import pg from 'pg'

/** Anything that runs SQL: the database itself or a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>
}

export interface TenantContext {
  orgId: string
  userId: string
}

/** Role every tenant-scoped transaction runs as, so row-level security applies (superusers bypass it). */
export const tenantRole = 'yardpass_app'

export class Database {
  constructor(
    readonly pool: pg.Pool,
    readonly kind: 'pglite' | 'postgres',
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]) {
    return this.pool.query<R>(sql, params)
  }

  /** Runs fn in one transaction; rolls back on any error. */
  async transaction<T>(fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
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
