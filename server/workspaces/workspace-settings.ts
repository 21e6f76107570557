// A workspace's settings checked beyond their schema: a real time zone, an http(s) hook, events of the organization.
import type { Queryable } from '../db/database'
import type { WorkspaceSettings } from '../../shared/command-center'
import type { WorkspaceSettingsRow } from '../repositories/workspaces-repository'
import { AppError, badRequest } from '../errors'

export const defaultTimezone = 'UTC'

export function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** An http(s) URL or a 400 naming the field. */
export function checkHookUrl(field: string, url: string | null | undefined) {
  if (url === null || url === undefined) return
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw badRequest('invalid-webhook', `${field} must be an http or https URL.`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw badRequest('invalid-webhook', `${field} must be an http or https URL.`)
}

/** The settings merged over the current ones and checked; unknown event ids are refused (422). */
export async function resolveSettings(
  tx: Queryable,
  orgId: string,
  current: WorkspaceSettingsRow,
  change: WorkspaceSettings | undefined,
): Promise<WorkspaceSettingsRow> {
  const next: WorkspaceSettingsRow = {
    timezone: defaultTimezone,
    goal_gmv_cents: null,
    reporting_webhook: null,
    event_ids: null,
    ...current,
  }
  if (!change) return next
  for (const [key, value] of Object.entries(change))
    if (value !== undefined) (next as Record<string, unknown>)[key] = value
  if (!isTimeZone(next.timezone ?? defaultTimezone))
    throw badRequest(
      'invalid-timezone',
      `${next.timezone} is not a time zone (use an IANA name such as America/Los_Angeles).`,
    )
  checkHookUrl('settings.reporting_webhook', next.reporting_webhook)
  if (next.event_ids?.length) {
    const { rows } = await tx.query<{ id: string }>(
      'SELECT id FROM events WHERE org_id = $1 AND id = ANY($2::uuid[])',
      [orgId, next.event_ids],
    )
    const known = new Set(rows.map((r) => r.id))
    const unknown = next.event_ids.filter((id) => !known.has(id))
    if (unknown.length)
      throw new AppError(
        422,
        'unknown-events',
        'Some events in settings.event_ids are not events of this organization.',
        { event_ids: unknown },
      )
  }
  return next
}
