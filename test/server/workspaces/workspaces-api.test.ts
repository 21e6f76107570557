// Workspaces, members, widgets, audit and the command-center switch over real HTTP, on PGlite and Postgres.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer } from '../../support/lead-fixtures'
import { insertMembership } from '../../../server/repositories/users-repository'
import { deleteExpiredAudit } from '../../../server/workspaces/workspace-audit'

describeBackends('workspaces API on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let owner: SignedUp
  let colleague: SignedUp
  let viewer: SignedUp
  let workspaceId: string

  /** A user who is a plain member of the organizer organization. */
  const orgColleague = async (name: string) => {
    const user = await signUp(server.url, 'organizer', name)
    await insertMembership(server.db, { orgId: world.organizer.orgId, userId: user.user.id, role: 'member' })
    return { ...user, orgId: world.organizer.orgId }
  }
  const as = (who: SignedUp) => (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: who.access_token, orgId: who.orgId, body })
  const ws = (suffix = '') => `/v1/sponsorship-workspaces/${workspaceId}${suffix}`

  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await sponsorWorld(server.url, 'Globex')
    owner = world.organizer
    colleague = await orgColleague('Colleague')
    viewer = await orgColleague('Viewer')
    const created = await as(owner)('POST', '/v1/sponsorship-workspaces', {
      name: 'Premium Sponsors',
      slug: 'premium-sponsors',
      default_role: 'viewer',
      auto_invite: [viewer.user.email, 'manager@brand.example'],
      settings: {
        timezone: 'America/Los_Angeles',
        goal_gmv_cents: 12_500_000,
        reporting_webhook: 'https://hooks.slack.example/services/T/B/secret',
      },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    workspaceId = created.body.id
  })
  afterAll(() => server.close())

  describe('workspaces', () => {
    it('makes the requester owner, applies the settings and invites auto_invite addresses by email', async () => {
      const got = await as(owner)('GET', ws())
      expect(got.body).toMatchObject({
        name: 'Premium Sponsors',
        slug: 'premium-sponsors',
        my_role: 'owner',
        settings: { timezone: 'America/Los_Angeles', goal_gmv_cents: 12_500_000 },
      })
      const members = await as(owner)('GET', ws('/members'))
      expect(members.body.data.map((m: { email: string; role: string }) => [m.email, m.role]).sort()).toEqual(
        [
          [owner.user.email, 'owner'],
          [viewer.user.email, 'viewer'],
        ].sort(),
      )
      const invitations = await server.db.query(
        'SELECT email, role, status, delivery_error FROM sponsorship_workspace_invitations WHERE workspace_id = $1 ORDER BY email',
        [workspaceId],
      )
      expect(invitations.rows).toEqual(
        [
          { email: 'manager@brand.example', role: 'viewer', status: 'pending', delivery_error: null },
          { email: viewer.user.email, role: 'viewer', status: 'accepted', delivery_error: null },
        ].sort((a, b) => a.email.localeCompare(b.email)),
      )
      const outbox = join(server.config.dataDir, 'outbox')
      const mails = existsSync(outbox) ? readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8')) : []
      expect(mails.some((m) => m.includes('To: manager@brand.example') && m.includes('Premium Sponsors'))).toBe(true)
    })

    it('refuses a slug the organization already uses (409 slug-taken) and writes nothing', async () => {
      const before = await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspaces')
      const clash = await as(owner)('POST', '/v1/sponsorship-workspaces', { name: 'Again', slug: 'premium-sponsors' })
      expect(clash.status).toBe(409)
      expect(clash.body.error.code).toBe('slug-taken')
      expect((await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspaces')).rows).toEqual(before.rows)
      // Another organization may use the same slug.
      const other = await signUp(server.url, 'organizer', 'Other Org')
      expect(
        (await as(other)('POST', '/v1/sponsorship-workspaces', { name: 'Mine', slug: 'premium-sponsors' })).status,
      ).toBe(201)
    })

    it.each([
      ['a bad slug', { name: 'X', slug: 'Not A Slug' }],
      ['an unknown time zone', { name: 'X', slug: 'tz', settings: { timezone: 'Mars/Olympus' } }],
      ['a non-http hook', { name: 'X', slug: 'hook', settings: { reporting_webhook: 'ftp://example.com/x' } }],
      ['an unknown field', { name: 'X', slug: 'field', colour: 'red' }],
      [
        'an event of another organization',
        { name: 'X', slug: 'ev', settings: { event_ids: ['00000000-0000-4000-8000-000000000000'] } },
      ],
      ['a bad default role', { name: 'X', slug: 'role', default_role: 'admin' }],
    ])('refuses %s with a 4xx and writes nothing', async (_name, body) => {
      const before = await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspaces')
      const response = await as(owner)('POST', '/v1/sponsorship-workspaces', body)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      expect((await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspaces')).rows).toEqual(before.rows)
    })

    it('lists only the workspaces the caller belongs to', async () => {
      const mine = await as(viewer)('GET', '/v1/sponsorship-workspaces')
      expect(mine.body.data.map((w: { id: string; my_role: string }) => [w.id, w.my_role])).toEqual([
        [workspaceId, 'viewer'],
      ])
      const none = await as(colleague)('GET', '/v1/sponsorship-workspaces')
      expect(none.body.data).toEqual([])
      expect((await as(colleague)('GET', ws())).status).toBe(404)
    })

    it('lets owners change settings, scopes events, refuses viewers (403), and audits the change', async () => {
      expect((await as(viewer)('PATCH', ws(), { name: 'Mine now' })).status).toBe(403)
      const patched = await as(owner)('PATCH', ws(), { name: 'Premium', settings: { event_ids: [world.eventId] } })
      expect(patched.status).toBe(200)
      expect(patched.body).toMatchObject({
        name: 'Premium',
        settings: { event_ids: [world.eventId], timezone: 'America/Los_Angeles' },
      })
      const audit = await as(owner)('GET', ws('/audit'))
      const change = audit.body.data.find(
        (a: { entity: string; action: string }) => a.entity === 'workspace' && a.action === 'update',
      )
      expect(change).toMatchObject({
        before: { name: 'Premium Sponsors' },
        after: { name: 'Premium' },
        actor: { user_id: owner.user.id },
      })
      // The hook's secret path never reaches the audit.
      expect(JSON.stringify(audit.body)).not.toContain('secret')
      expect((await as(viewer)('GET', ws('/audit'))).status).toBe(403)
    })
  })

  describe('members', () => {
    it('adds an organization member, changes their role, removes them; refuses non-owners and strangers', async () => {
      const added = await as(owner)('POST', ws('/members'), { email: colleague.user.email, role: 'editor' })
      expect(added.status).toBe(201)
      expect(added.body).toMatchObject({ user_id: colleague.user.id, role: 'editor' })
      expect((await as(owner)('POST', ws('/members'), { email: colleague.user.email, role: 'viewer' })).status).toBe(
        409,
      )
      expect(
        (await as(owner)('POST', ws('/members'), { email: 'nobody@nowhere.example', role: 'viewer' })).status,
      ).toBe(422)
      expect((await as(colleague)('POST', ws('/members'), { email: viewer.user.email, role: 'owner' })).status).toBe(
        403,
      )
      expect((await as(colleague)('PATCH', ws(`/members/${viewer.user.id}`), { role: 'owner' })).status).toBe(403)
      const promoted = await as(owner)('PATCH', ws(`/members/${viewer.user.id}`), { role: 'editor' })
      expect(promoted.body.role).toBe('editor')
      const removed = await as(owner)('DELETE', ws(`/members/${viewer.user.id}`))
      expect(removed.status).toBe(200)
      expect((await as(viewer)('GET', ws())).status).toBe(404)
      await as(owner)('POST', ws('/members'), { email: viewer.user.email, role: 'viewer' })
    })

    it('keeps the last owner (409 last-owner)', async () => {
      expect((await as(owner)('PATCH', ws(`/members/${owner.user.id}`), { role: 'viewer' })).status).toBe(409)
      expect((await as(owner)('DELETE', ws(`/members/${owner.user.id}`))).status).toBe(409)
    })
  })

  describe('widgets', () => {
    const kpi = { widget_type: 'kpi_tile', config: { metric: 'leads_today' }, layout: { x: 0, y: 0, w: 3, h: 2 } }

    it('upserts idempotently: the same body twice changes nothing, a new layout bumps the version', async () => {
      const first = await as(colleague)('PUT', ws('/widgets/leads-today'), kpi)
      expect(first.status).toBe(201)
      expect(first.body).toMatchObject({
        widget_id: 'leads-today',
        widget_type: 'kpi_tile',
        version: 1,
        data: { kind: 'kpi', metric: 'leads_today', value: 0 },
      })
      const again = await as(colleague)('PUT', ws('/widgets/leads-today'), kpi)
      expect(again.status).toBe(200)
      expect(again.body.version).toBe(1)
      const moved = await as(colleague)('PUT', ws('/widgets/leads-today'), {
        ...kpi,
        layout: { x: 3, y: 1, w: 4, h: 2 },
      })
      expect(moved.body).toMatchObject({ version: 2, layout: { x: 3, y: 1, w: 4, h: 2 } })
      const events = await server.db.query(
        `SELECT data FROM domain_events WHERE type = 'widget.updated' AND data->>'workspace_id' = $1`,
        [workspaceId],
      )
      expect(events.rows.map((r) => r.data.version)).toEqual([1, 2])
      const audit = await server.db.query(
        `SELECT action FROM sponsorship_workspace_audit WHERE workspace_id = $1 AND entity = 'widget' ORDER BY id`,
        [workspaceId],
      )
      expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update'])
    })

    it.each([
      ['an unknown type', { widget_type: 'pie', config: {} }, 'unknown-widget-type'],
      [
        'a kpi tile with an unknown metric',
        { widget_type: 'kpi_tile', config: { metric: 'vibes' } },
        'invalid-widget-config',
      ],
      [
        'a leaderboard with an extra field',
        { widget_type: 'leaderboard', config: { board: 'sponsors_by_leads', colour: 'red' } },
        'invalid-widget-config',
      ],
      [
        'a marketplace card without a package',
        {
          widget_type: 'marketplace_card',
          config: { highlight: 'Platinum', cta: 'Request Proposal', metrics: ['leads'] },
        },
        'package-required',
      ],
      ['a layout off the grid', { widget_type: 'funnel', config: {}, layout: { x: -1, y: 0, w: 2, h: 2 } }, undefined],
    ])('refuses %s (400) and writes nothing', async (_name, body, code) => {
      const before = await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_widgets')
      const response = await as(owner)('PUT', ws('/widgets/bad'), body)
      expect(response.status).toBe(400)
      if (code) expect(response.body.error.code).toBe(code)
      expect((await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_widgets')).rows).toEqual(
        before.rows,
      )
    })

    it('refuses viewers (403) and strangers (404)', async () => {
      expect((await as(viewer)('PUT', ws('/widgets/v'), kpi)).status).toBe(403)
      expect((await as(viewer)('DELETE', ws('/widgets/leads-today'))).status).toBe(403)
      const stranger = await orgColleague('Stranger')
      expect((await as(stranger)('GET', ws('/widgets'))).status).toBe(404)
      expect((await as(stranger)('PUT', ws('/widgets/v'), kpi)).status).toBe(404)
    })

    it('rebuilds widget data when its inputs change: a captured lead moves the counts, the board and the ticker', async () => {
      await as(owner)('PUT', ws('/widgets/hot'), { widget_type: 'kpi_tile', config: { metric: 'hot_leads' } })
      await as(owner)('PUT', ws('/widgets/board'), {
        widget_type: 'leaderboard',
        config: { board: 'sponsors_by_leads', limit: 3 },
      })
      await as(owner)('PUT', ws('/widgets/ticker'), { widget_type: 'capture_ticker', config: { limit: 5 } })
      await as(owner)('PUT', ws('/widgets/per-hour'), {
        widget_type: 'time_series',
        config: { series: 'leads_per_hour', range: 6 },
      })
      await as(owner)('PUT', ws('/widgets/funnel'), { widget_type: 'funnel', config: {} })
      await addAttendees(server.url, world, [
        { badge_code: 'W-1', name: 'Wanda Private', email: 'wanda@private.example', consent_to_share: true },
      ])
      const captured = await capturer(server.url, world)({ badge_code: 'W-1', interaction: 'demo_request' })
      expect(captured.status).toBe(201)
      // The delta reader marks the caches stale; until it runs, a cache younger than a minute may be shown.
      await server.db.query('UPDATE sponsorship_workspace_widget_cache SET is_stale = true WHERE workspace_id = $1', [
        workspaceId,
      ])
      const widgets = await as(viewer)('GET', ws('/widgets'))
      expect(widgets.status).toBe(200)
      const byId = Object.fromEntries(
        widgets.body.data.map((w: { widget_id: string; data: unknown }) => [w.widget_id, w.data]),
      )
      expect(byId['leads-today']).toMatchObject({ value: 1 })
      expect(byId.board, JSON.stringify(byId.board)).toMatchObject({
        rows: [{ id: world.sponsorId, name: 'Globex Org', value: 1 }],
      })
      expect(byId.ticker.captures).toHaveLength(1)
      expect(byId.ticker.captures[0]).toMatchObject({ sponsor: 'Globex Org' })
      const perHour = byId['per-hour'] as { points: { hot: number; warm: number; cold: number }[] }
      expect(perHour.points).toHaveLength(6)
      expect(perHour.points.reduce((n, p) => n + p.hot + p.warm + p.cold, 0)).toBe(1)
      // Counts only: the organizer never sees who the lead is.
      expect(JSON.stringify(widgets.body)).not.toMatch(/Wanda|wanda@private/)
      const refreshes = await server.db.query(
        `SELECT count(*)::int AS n FROM sponsorship_workspace_widget_events WHERE workspace_id = $1 AND kind = 'refresh' AND ok`,
        [workspaceId],
      )
      expect(refreshes.rows[0]!.n).toBeGreaterThan(0)
    })

    it('deletes a widget (404 for one that is gone)', async () => {
      expect((await as(owner)('DELETE', ws('/widgets/funnel'))).body).toEqual({ widget_id: 'funnel', deleted: true })
      expect((await as(owner)('DELETE', ws('/widgets/funnel'))).status).toBe(404)
    })
  })

  describe('command center and audit', () => {
    it('enables the command center for owners only, and reports its status to members', async () => {
      expect((await as(colleague)('POST', ws('/command-center'), { capture_rollups: true })).status).toBe(403)
      expect(
        (await as(owner)('POST', ws('/command-center'), { notify_slack_webhook: 'javascript:alert(1)' })).status,
      ).toBe(400)
      const enabled = await as(owner)('POST', ws('/command-center'), {
        capture_rollups: true,
        notify_slack_webhook: 'https://hooks.slack.example/services/X',
      })
      expect(enabled.body.command_center).toEqual({
        enabled: true,
        capture_rollups: true,
        notify_slack_webhook: 'https://hooks.slack.example/services/X',
      })
      const status = await as(viewer)('GET', ws('/command-center'))
      expect(status.body).toMatchObject({ workspace_id: workspaceId, enabled: true, capture_rollups: true })
    })

    it('deletes audit rows older than 30 days and keeps the rest', async () => {
      const total = (
        await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_audit WHERE workspace_id = $1', [
          workspaceId,
        ])
      ).rows[0]!.n
      await server.db.query(
        `UPDATE sponsorship_workspace_audit SET created_at = now() - interval '31 days' WHERE id = (SELECT min(id) FROM sponsorship_workspace_audit WHERE workspace_id = $1)`,
        [workspaceId],
      )
      expect(await deleteExpiredAudit(server.db)).toBe(1)
      expect(
        (
          await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_audit WHERE workspace_id = $1', [
            workspaceId,
          ])
        ).rows[0]!.n,
      ).toBe(total - 1)
    })

    it('archives: still readable, no longer changeable', async () => {
      const archived = await as(owner)('POST', ws('/archive'))
      expect(archived.body.archived_at).not.toBeNull()
      expect((await as(owner)('PUT', ws('/widgets/late'), { widget_type: 'funnel', config: {} })).status).toBe(409)
      expect((await as(viewer)('GET', ws('/widgets'))).status).toBe(200)
      expect((await as(viewer)('GET', '/v1/sponsorship-workspaces')).body.data).toEqual([])
      expect((await as(viewer)('GET', '/v1/sponsorship-workspaces?include_archived=true')).body.data).toHaveLength(1)
    })
  })

  it('hides workspace rows from organization members who are not workspace members (row-level security)', async () => {
    const stranger = await orgColleague('Outsider')
    const seen = await server.db.tenantTransaction(
      { orgId: world.organizer.orgId, userId: stranger.user.id },
      async (tx) =>
        (
          await tx.query(
            `SELECT id::text FROM sponsorship_workspaces UNION ALL SELECT widget_id FROM sponsorship_workspace_widgets
       UNION ALL SELECT user_id::text FROM sponsorship_workspace_members UNION ALL SELECT id::text FROM sponsorship_workspace_audit`,
          )
        ).rows,
    )
    expect(seen).toEqual([])
    const member = await server.db.tenantTransaction(
      { orgId: world.organizer.orgId, userId: viewer.user.id },
      async (tx) => (await tx.query('SELECT id FROM sponsorship_workspaces')).rows,
    )
    expect(member.map((r) => r.id)).toContain(workspaceId)
    const changed = await server.db.tenantTransaction(
      { orgId: world.organizer.orgId, userId: stranger.user.id },
      (tx) => tx.query(`UPDATE sponsorship_workspaces SET name = 'Taken' WHERE id = $1`, [workspaceId]),
    )
    expect(changed.rowCount).toBe(0)
    await expect(
      server.db.tenantTransaction({ orgId: world.organizer.orgId, userId: stranger.user.id }, (tx) =>
        tx.query(
          `INSERT INTO sponsorship_workspace_members (workspace_id, org_id, user_id, role) VALUES ($1, $2, $3, 'owner')`,
          [workspaceId, world.organizer.orgId, stranger.user.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/)
  })
})
