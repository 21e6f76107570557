// Sign-in attempt counters per subject (an account or a client address), one fixed window each.
import type { Queryable } from '../db/database'

export interface AttemptCount {
  attempts: number
  windowEndsAt: Date
}

/** Counts one attempt in the subject's current window, opening a new window when the last one has ended. */
export async function countAttempt(db: Queryable, subject: string, windowSeconds: number): Promise<AttemptCount> {
  // In ON CONFLICT ... SET every right-hand side reads the row as it was, so both CASEs agree.
  const { rows } = await db.query<{ attempts: number; window_ends_at: Date }>(
    `INSERT INTO login_attempts AS a (subject, attempts, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (subject) DO UPDATE SET
       attempts = CASE WHEN a.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE a.attempts + 1 END,
       window_started_at = CASE WHEN a.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE a.window_started_at END
     RETURNING attempts, window_started_at + make_interval(secs => $2) AS window_ends_at`,
    [subject, windowSeconds],
  )
  const row = rows[0]!
  return { attempts: row.attempts, windowEndsAt: new Date(row.window_ends_at) }
}

/** Takes one attempt back (it turned out to be a correct sign-in). */
export async function uncountAttempt(db: Queryable, subject: string) {
  await db.query('UPDATE login_attempts SET attempts = greatest(attempts - 1, 0) WHERE subject = $1', [subject])
}

export async function forgetAttempts(db: Queryable, subject: string) {
  await db.query('DELETE FROM login_attempts WHERE subject = $1', [subject])
}

export async function deleteEndedWindows(db: Queryable, windowSeconds: number) {
  const { rowCount } = await db.query(
    'DELETE FROM login_attempts WHERE window_started_at <= now() - make_interval(secs => $1)',
    [windowSeconds],
  )
  return rowCount ?? 0
}
