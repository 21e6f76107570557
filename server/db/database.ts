// One database layer over a pg-compatible pool, for embedded PGlite and real Postgres alike.
import pg from 'pg'
import { isUuid } from '../../shared/ids'

/** Anything that runs SQL: the database itself or a transaction. A named query is prepared once per connection. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string | NamedQuery,
    params?: unknown[],
  ): Promise<pg.QueryResult<R>>
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

/** Told of every round trip to the database (BEGIN and COMMIT included), for a view made by `observed`. */
export type StatementObserver = () => void

export class Database {
  timer: QueryTimer | null = null

  constructor(
    readonly pool: pg.Pool,
    readonly kind: 'pglite' | 'postgres',
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly observer: StatementObserver | null = null,
    private readonly parent: Database | null = null,
  ) {}

  /**
   * The same database (pool, timer) with every statement sent through it reported to `observer`, inside
   * transactions too: how the GraphQL layer counts the statements one request issues. Closing a view does nothing.
   */
  observed(observer: StatementObserver): Database {
    return new Database(this.pool, this.kind, async () => {}, observer, this.parent ?? this)
  }

  private get activeTimer() {
    return this.parent ? this.parent.timer : this.timer
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string | NamedQuery, params?: unknown[]) {
    this.observer?.()
    const running =
      typeof sql === 'string' ? this.pool.query<R>(sql, params) : this.pool.query<R>({ ...sql, values: params ?? [] })
    const timer = this.activeTimer
    return timer ? timed(running, 'statement', timer) : running
  }

  /**
   * Runs fn in one transaction; rolls back on any error. `asyncCommit`: the commit does not wait for the disk
   * (for data that is rebuilt when lost, such as caches).
   */
  transaction<T>(fn: (tx: pg.PoolClient) => Promise<T>, options: { asyncCommit?: boolean } = {}): Promise<T> {
    if (!options.asyncCommit) return this.run('BEGIN', fn)
    if (this.kind === 'postgres') return this.run('BEGIN; SET LOCAL synchronous_commit = off', fn)
    return this.run('BEGIN', async (tx) => {
      await tx.query('SET LOCAL synchronous_commit = off')
      return fn(tx)
    })
  }

  private run<T>(begin: string, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const running = this.runUntimed(begin, fn)
    const timer = this.activeTimer
    return timer ? timed(running, 'transaction', timer) : running
  }

  private async runUntimed<T>(begin: string, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const pooled = await this.pool.connect()
    const client = this.observer ? observedClient(pooled, this.observer) : pooled
    try {
      await client.query(begin)
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      pooled.release()
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
    if (this.parent) return
    await this.pool.end()
    await this.onClose()
  }
}

/** A pooled client whose query() also tells the observer; everything else is the client's own. */
function observedClient(client: pg.PoolClient, observer: StatementObserver): pg.PoolClient {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') {
        return (...args: Parameters<pg.PoolClient['query']>) => {
          observer()
          return (target.query as (...a: unknown[]) => unknown)(...args)
        }
      }
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
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
