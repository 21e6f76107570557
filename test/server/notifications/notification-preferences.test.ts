// Notification preferences over HTTP: per person, organization and event; sponsors choose lead emails,
// organizers moments; bad input is refused in words and changes nothing; another organization's preferences
// and events can be neither read nor written.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { representative } from '../../support/lead-fixtures'

describeBackends('notification preferences on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld

  beforeAll(async () => {
    server = await startTestServer({ backend })
    world = await sponsorWorld(server.url, 'Prefs')
  })
  afterAll(() => server.close())

  const get = (who: SignedUp, query = '', orgId = who.orgId) =>
    api(server.url, 'GET', `/v1/me/notification-preferences${query}`, { token: who.access_token, orgId })
  const put = (who: SignedUp, eventId: string, body: unknown, orgId = who.orgId) =>
    api(server.url, 'PUT', `/v1/me/notification-preferences/${eventId}`, { token: who.access_token, orgId, body })
  const rows = async () =>
    (
      await server.db.query(
        'SELECT user_id, org_id, event_id, lead_emails, moments FROM notification_preferences ORDER BY 1, 2, 3',
      )
    ).rows

  it('lists the events of the organization with each choice, off until chosen', async () => {
    const sponsor = await get(world.sponsorOwner)
    expect(sponsor.status).toBe(200)
    expect(sponsor.body).toMatchObject({ org_kind: 'sponsor', available_moments: [] })
    expect(sponsor.body.data).toEqual([
      expect.objectContaining({ event_id: world.eventId, lead_emails: 'off', moments: [], updated_at: null }),
    ])
    const organizer = await get(world.organizer)
    expect(organizer.body.org_kind).toBe('organizer')
    expect(organizer.body.available_moments).toContain('order.funded')
    expect(organizer.body.data.map((p: { event_id: string }) => p.event_id)).toEqual([world.eventId])
  })

  it('saves a sponsor person’s lead email choice and an organizer’s moments, each their own', async () => {
    const saved = await put(world.sponsorOwner, world.eventId, { lead_emails: 'hourly_digest' })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ event_id: world.eventId, lead_emails: 'hourly_digest', moments: [] })
    const moments = await put(world.organizer, world.eventId, { moments: ['order.funded', 'deliverable.approved'] })
    expect(moments.body.moments).toEqual(['order.funded', 'deliverable.approved'])
    expect((await get(world.sponsorOwner, `?event_id=${world.eventId}`)).body.data[0].lead_emails).toBe('hourly_digest')
    // A booth staffer (sponsor:leads:read) chooses for themself; the owner's choice is untouched.
    const staff = await representative(server.url, server.db, world, 'booth_staff', 'Staffer')
    const asStaff = { ...staff, orgId: world.sponsorOwner.orgId }
    expect((await put(asStaff, world.eventId, { lead_emails: 'each_hot_lead' })).status).toBe(200)
    expect((await get(world.sponsorOwner, `?event_id=${world.eventId}`)).body.data[0].lead_emails).toBe('hourly_digest')
  })

  it('refuses bad input in words and changes nothing', async () => {
    const before = await rows()
    for (const [who, body] of [
      [world.sponsorOwner, { lead_emails: 'sometimes' }],
      [world.sponsorOwner, { moments: ['order.funded'] }],
      [world.sponsorOwner, {}],
      [world.sponsorOwner, { lead_emails: 'off', extra: 1 }],
      [world.organizer, { lead_emails: 'each_hot_lead' }],
      [world.organizer, { moments: ['lead.captured'] }],
    ] as const) {
      const refused = await put(who, world.eventId, body)
      expect(refused.status, JSON.stringify(body)).toBe(400)
      expect(refused.body.error.message).toMatch(/\w+ \w+/)
    }
    expect((await put(world.sponsorOwner, 'not-a-uuid', { lead_emails: 'off' })).status).toBe(400)
    expect(await rows()).toEqual(before)
  })

  it('refuses lead emails to a member who may not read the sponsor’s leads', async () => {
    const outsider = await signUp(server.url, 'organizer', 'Plain Member')
    await server.db.query("INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'member')", [
      world.sponsorOwner.orgId,
      outsider.user.id,
    ])
    const refused = await put({ ...outsider, orgId: world.sponsorOwner.orgId }, world.eventId, {
      lead_emails: 'each_hot_lead',
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toContain('sponsor:leads:read')
  })

  it("neither reads nor writes another organization's preferences or events", async () => {
    const before = await rows()
    const intruder = await signUp(server.url, 'organizer', 'Pref Intruder')
    const sponsorIntruder = await signUp(server.url, 'sponsor', 'Pref Sponsor Intruder')
    for (const who of [intruder, sponsorIntruder]) {
      // Acting for the victim organizations: not a member.
      for (const orgId of [world.organizer.orgId, world.sponsorOwner.orgId]) {
        expect((await get(who, '', orgId)).status).toBe(403)
        expect((await put(who, world.eventId, { lead_emails: 'off' }, orgId)).status).toBe(403)
      }
      // Acting for their own: the victim's event is not theirs.
      const own = await get(who)
      expect(own.status).toBe(200)
      expect(own.body.data).toEqual([])
      expect((await get(who, `?event_id=${world.eventId}`)).status).toBe(404)
      const body = who === intruder ? { moments: ['order.funded'] } : { lead_emails: 'each_hot_lead' }
      const written = await put(who, world.eventId, body)
      expect(written.status).toBe(404)
      expect(JSON.stringify(written.body)).not.toContain(world.eventId)
    }
    expect(await rows()).toEqual(before)
  })
})
