import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openReplica, ReplicaHistoryError } from '../../../../electron/core/db/replica'
import { replicaMigrations } from '../../../../electron/core/db/migrations'

const replicaFile = () => join(mkdtempSync(join(tmpdir(), 'yp-replica-')), 'replica.sqlite')

describe('the SQLite replica', () => {
  it('opens a real file in WAL mode with synchronous commits and applies its migrations once', () => {
    const file = replicaFile()
    const db = openReplica(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    db.close()
    const again = openReplica(file)
    const applied = again.prepare('SELECT name FROM schema_migrations').all()
    expect(applied).toEqual(replicaMigrations.map((m) => ({ name: m.name })))
    again.close()
  })

  it('refuses a replica written by an app with other migrations', () => {
    const file = replicaFile()
    const db = openReplica(file)
    db.prepare(`INSERT INTO schema_migrations (id, name) VALUES (99, '0099_from_the_future')`).run()
    db.close()
    expect(() => openReplica(file)).toThrow(ReplicaHistoryError)
  })
})
