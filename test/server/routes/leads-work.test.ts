// Seed 004's lead checklist after capture: filters, follow-up, star/archive, statistics, export, privacy.
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'

describeBackends('lead work on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let rep: SignedUp
  let staff: SignedUp
  let viewer: SignedUp
  const ids = { hot: '', warm: '', cold: '' }
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LEAD_CAPTURES_PER_MINUTE: '10000' } })
    world = await sponsorWorld(server.url)
    rep = await representative(server.url, server.db, world, 'representative', 'Rita Rep')
    staff = await representative(server.url, server.db, world, 'booth_staff', 'Sam Staff')
    viewer = await representative(server.url, server.db, world, 'viewer', 'Vic Viewer')
    await addAttendees(server.url, world, [
      {
        badge_code: 'H-1',
        name: 'Hot Harriet',
        email: 'harriet@example.com',
        company: 'Hotco',
        consent_to_share: true,
      },
      {
        badge_code: 'W-1',
        name: 'Warm Walter',
        email: 'walter@example.com',
        company: '=HYPERLINK("evil")',
        consent_to_share: true,
      },
      { badge_code: 'C-1', name: 'Cold Carla', email: 'carla@example.com', consent_to_share: true },
    ])
    const byRep = capturer(server.url, world, rep)
    const byStaff = capturer(server.url, world, staff)
    ids.hot = (await byRep({ badge_code: 'H-1', interaction: 'direct_request' })).body.id
    await byRep({ badge_code: 'H-1', interaction: 'demo_request' })
    ids.warm = (
      await byStaff({ badge_code: 'W-1', interaction: 'demo_request', notes: 'wants a follow-up call' })
    ).body.id
    await byStaff({ badge_code: 'W-1', interaction: 'booth_visit' })
    ids.cold = (await byStaff({ badge_code: 'C-1', interaction: 'content_view' })).body.id
  })
  afterAll(() => server.close())

  const as = (user: SignedUp) => ({ token: user.access_token, orgId: world.sponsorOwner.orgId })
  const leads = (query = '', user = rep) =>
    api(server.url, 'GET', `/v1/sponsors/${world.sponsorId}/leads${query}`, as(user))
  const patch = (id: string, body: unknown, user = rep) =>
    api(server.url, 'PATCH', `/v1/sponsors/${world.sponsorId}/leads/${id}`, { ...as(user), body })

  it('lists leads with intent level, status, starred, rep and text filters, paged', async () => {
    expect((await leads()).body.total).toBe(3)
    expect((await leads('?intent_level=hot')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.hot])
    expect((await leads('?intent_level=warm')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.warm])
    expect((await leads(`?rep=${staff.user.id}`)).body.total).toBe(2)
    expect((await leads('?q=follow-up')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.warm])
    expect((await leads('?q=hotco')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.hot])
    const page = await leads('?sort=score&limit=2&offset=0')
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 })
    expect(page.body.data.map((l: { intent_level: string }) => l.intent_level)).toEqual(['hot', 'warm'])
    expect((await leads('?sort=score&limit=2&offset=2')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.cold])
    expect((await leads('?intent_level=scorching')).status).toBe(400)
    expect((await leads('?limit=1000')).status).toBe(400)
  })

  it('stars, sets the follow-up status, edits notes and archives; archived leads leave the default list', async () => {
    const starred = await patch(ids.hot, { starred: true, follow_up_status: 'contacted', notes: 'Called Monday' })
    expect(starred.body).toMatchObject({ is_starred: true, follow_up_status: 'contacted', notes: 'Called Monday' })
    expect((await leads('?starred=true')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.hot])
    expect((await leads('?status=contacted')).body.total).toBe(1)

    await patch(ids.cold, { archived: true })
    expect((await leads()).body.data.map((l: { id: string }) => l.id)).not.toContain(ids.cold)
    expect((await leads('?archived=true')).body.data.map((l: { id: string }) => l.id)).toEqual([ids.cold])
    await patch(ids.cold, { archived: false })

    expect((await patch(ids.hot, { follow_up_status: 'married' })).status).toBe(400)
    expect((await patch(ids.hot, {})).status).toBe(400)
    expect((await patch('00000000-0000-4000-8000-000000000000', { starred: true })).status).toBe(404)
  })

  it('counts leads by intent level, follow-up status, representative and hour', async () => {
    const stats = await api(
      server.url,
      'GET',
      `/v1/sponsors/${world.sponsorId}/leads/stats?event_id=${world.eventId}`,
      as(viewer),
    )
    expect(stats.status).toBe(200)
    expect(stats.body).toMatchObject({
      total: 3,
      starred: 1,
      by_intent_level: { hot: 1, warm: 1, cold: 1 },
      by_follow_up_status: { new: 2, contacted: 1 },
    })
    expect(stats.body.by_rep).toEqual([
      { user_id: staff.user.id, name: 'Sam Staff', leads: 2 },
      { user_id: rep.user.id, name: 'Rita Rep', leads: 1 },
    ])
    expect(stats.body.by_hour.reduce((sum: number, h: { leads: number }) => sum + h.leads, 0)).toBe(3)
  })

  it('exports the leads as streamed CSV with consent columns and the score explanation, defusing formulas', async () => {
    const response = await fetch(new URL(`/v1/sponsors/${world.sponsorId}/leads/export`, server.url), {
      headers: { authorization: `Bearer ${rep.access_token}`, 'x-org-id': world.sponsorOwner.orgId },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="leads-/)
    const rows: Record<string, string>[] = parse(await response.text(), { columns: true })
    expect(rows).toHaveLength(3)
    const walter = rows.find((r) => r.name === 'Warm Walter')!
    expect(walter).toMatchObject({
      email: 'walter@example.com',
      intent_level: 'warm',
      consent_source: 'attendee_directory',
      score_explanation: 'demo_request +30, booth_visit +10, repeat_visit +5 = 45',
    })
    expect(walter.company).toBe('\'=HYPERLINK("evil")')
    expect(Object.keys(walter)).toEqual(
      expect.arrayContaining(['consent_confirmed_by', 'consent_confirmed_at', 'captured_by']),
    )
  })

  it('lets booth staff capture and read but not export or edit; viewers only read', async () => {
    expect((await api(server.url, 'GET', `/v1/sponsors/${world.sponsorId}/leads/export`, as(staff))).status).toBe(403)
    expect((await patch(ids.warm, { starred: true }, staff)).status).toBe(403)
    expect((await leads('', staff)).status).toBe(200)
    expect((await leads('', viewer)).status).toBe(200)
    expect((await patch(ids.warm, { starred: true }, viewer)).status).toBe(403)
    expect((await api(server.url, 'GET', `/v1/sponsors/${world.sponsorId}/leads/export`, as(viewer))).status).toBe(403)
  })

  it("shows the event's organizer counts and intent distribution only, never contact details", async () => {
    const asOrganizer = { token: world.organizer.access_token, orgId: world.organizer.orgId }
    const sponsors = await api(
      server.url,
      'GET',
      `/v1/organizations/${world.organizer.orgId}/events/${world.eventId}/sponsors`,
      asOrganizer,
    )
    const mine = sponsors.body.data.find((s: { id: string }) => s.id === world.sponsorId)
    expect(mine.lead_counts).toEqual({ total: 3, hot: 1, warm: 1, cold: 1 })
    expect(JSON.stringify(sponsors.body)).not.toMatch(/harriet|walter|carla/i)
    // Organizer organizations cannot reach lead routes at all, with their own or the sponsor's X-Org-Id.
    expect((await api(server.url, 'GET', `/v1/sponsors/${world.sponsorId}/leads`, asOrganizer)).status).toBe(403)
    expect(
      (
        await api(server.url, 'GET', `/v1/sponsors/${world.sponsorId}/leads`, {
          ...asOrganizer,
          orgId: world.sponsorOwner.orgId,
        })
      ).status,
    ).toBe(403)
    // And the database agrees: in the organizer's tenant no lead row exists.
    const visible = await server.db.tenantTransaction(
      { orgId: world.organizer.orgId, userId: world.organizer.user.id },
      async (tx) => (await tx.query('SELECT count(*)::int AS n FROM leads')).rows[0]!.n,
    )
    expect(visible).toBe(0)
  })
})

describe('lead export at size', () => {
  it('streams every lead across many pages, each exactly once', async () => {
    const server = await startTestServer({ backend: 'pglite' })
    try {
      const world = await sponsorWorld(server.url, 'Bulk')
      // 2,500 leads straight into the table: the export reads them back in pages of 1,000.
      await server.db.query(
        `INSERT INTO leads (id, org_id, sponsor_id, event_id, name, email, consent_source, consent_confirmed_at, intent_score, intent_level,
           interactions, first_captured_at, last_captured_at, created_at)
         SELECT gen_random_uuid(), $1, $2, $3, 'Lead ' || n, 'lead' || n || '@example.com', 'confirmed_at_capture', now(), 10, 'cold',
           '[{"type":"booth_visit","points":10,"at":"2027-03-01T10:00:00Z","captured_by":null}]', now(), now(), now() - (n || ' seconds')::interval
         FROM generate_series(1, 2500) n`,
        [world.sponsorOwner.orgId, world.sponsorId, world.eventId],
      )
      const response = await fetch(new URL(`/v1/sponsors/${world.sponsorId}/leads/export`, server.url), {
        headers: { authorization: `Bearer ${world.sponsorOwner.access_token}`, 'x-org-id': world.sponsorOwner.orgId },
      })
      const rows: Record<string, string>[] = parse(await response.text(), { columns: true })
      expect(rows).toHaveLength(2500)
      expect(new Set(rows.map((r) => r.lead_id)).size).toBe(2500)
    } finally {
      await server.close()
    }
  })
})
