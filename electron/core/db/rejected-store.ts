// Mutations the server refused — captures and lead edits — kept whole (every word of the notes, the
// qualifiers, the person) until the user exports them for a sponsor admin or discards them explicitly.
import type { Replica } from './replica'

/** A mutation the server refused, kept whole until the user exports or discards it. */
export interface RejectedMutationRow {
  mutationId: number
  name: string
  args: Record<string, unknown>
  sponsorId: string | null
  leadId: string | null
  code: string | null
  reason: string
  madeAt: string
  rejectedAt: string
  exportedAt: string | null
}

/** Which refused mutations to discard: by mutation id, by captured lead id, or all of them. */
export type RejectedSelection = { mutationIds?: readonly number[]; leadIds?: readonly string[] } | 'all'

export class RejectedStore {
  constructor(private readonly db: Replica) {}

  /** Copies a refused mutation out of the outbox before it is dropped; runs in the caller's transaction. */
  keep(refusal: { mutationId: number; code?: string; reason: string }, at: Date) {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO rejected_mutations (mutation_id, name, args_json, sponsor_id, lead_id, code, reason, made_at, rejected_at)
       SELECT mutation_id, name, args_json, json_extract(args_json, '$.sponsor_id'), json_extract(args_json, '$.lead_id'), ?, ?, created_at, ?
       FROM outbox WHERE mutation_id = ?`,
      )
      .run(refusal.code ?? null, refusal.reason, at.toISOString(), refusal.mutationId)
  }

  /** Newest first. */
  list(limit = 1_000_000): RejectedMutationRow[] {
    const rows = this.db
      .prepare(
        `SELECT mutation_id AS mutationId, name, args_json AS argsJson, sponsor_id AS sponsorId, lead_id AS leadId, code, reason,
         made_at AS madeAt, rejected_at AS rejectedAt, exported_at AS exportedAt
       FROM rejected_mutations ORDER BY mutation_id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<RejectedMutationRow, 'args'> & { argsJson: string })[]
    return rows.map(({ argsJson, ...row }) => ({ ...row, args: JSON.parse(argsJson) as Record<string, unknown> }))
  }

  /** Not saved to an export file yet: these count as unsynced, so sign-out keeps them. */
  unexportedCount(): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM rejected_mutations WHERE exported_at IS NULL').get() as { n: number }
    ).n
  }

  /** These refused mutations are in a saved export file; runs in the caller's transaction. */
  markExported(at: Date, mutationIds: readonly number[]) {
    const mark = this.db.prepare(
      'UPDATE rejected_mutations SET exported_at = ? WHERE mutation_id = ? AND exported_at IS NULL',
    )
    for (const id of mutationIds) mark.run(at.toISOString(), id)
  }

  /** Removes the refused mutations (and their capture rows) the user chose to let go; answers how many went. */
  discard(selection: RejectedSelection): number {
    return this.db.transaction(() => {
      const byLead = this.db.prepare(`SELECT mutation_id AS id FROM captures WHERE lead_id = ? AND status = 'rejected'`)
      const ids =
        selection === 'all'
          ? (this.db.prepare('SELECT mutation_id AS id FROM rejected_mutations').all() as { id: number }[]).map(
              (r) => r.id,
            )
          : [
              ...(selection.mutationIds ?? []),
              ...(selection.leadIds ?? []).flatMap((leadId) =>
                (byLead.all(leadId) as { id: number }[]).map((r) => r.id),
              ),
            ]
      const removeKept = this.db.prepare('DELETE FROM rejected_mutations WHERE mutation_id = ?')
      const removeCapture = this.db.prepare(`DELETE FROM captures WHERE mutation_id = ? AND status = 'rejected'`)
      let discarded = 0
      for (const id of new Set(ids)) if (removeKept.run(id).changes + removeCapture.run(id).changes > 0) discarded++
      return discarded
    })()
  }
}
