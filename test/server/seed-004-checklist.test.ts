// Seed 004's "Backend Testing" and "Real-Time Testing" checklists, in order, as one organizer →
// representative → lead flow over real HTTP, SMTP and socket.io (on Postgres when TEST_DATABASE_URL is set).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { backends } from '../support/databases'
import { startTestServer, type TestServer } from '../support/test-server'
import { invitationToken, startSmtpSink, type SmtpSink } from '../support/smtp-sink'

const backend = backends.at(-1)!

describe(`seed 004 checklist on ${backend}`, () => {
  let server: TestServer
  let smtp: SmtpSink
  let organizer: SignedUp
  let rep: SignedUp
  let socket: Socket
  const ids = { event: '', tier: '', sponsor: '', sponsorOrg: '', lead: '' }
  beforeAll(async () => {
    smtp = await startSmtpSink()
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url } })
    organizer = await signUp(server.url, 'organizer', 'Checklist Host')
  })
  afterAll(async () => {
    socket?.disconnect()
    await server.close()
    await smtp.close()
  })
  const asOrganizer = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: organizer.access_token, orgId: organizer.orgId, body })
  const asRep = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: rep.access_token, orgId: ids.sponsorOrg, body })

  it('1. runs the database migration successfully', async () => {
    const applied = await server.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    expect(applied.rows.map((r) => r.name)).toContain('0003_sponsors_and_leads.sql')
  })

  it('2. creates default sponsor tiers via the REST API', async () => {
    ids.event = (await asOrganizer('POST', '/v1/events', sampleEvent)).body.id
    const tiers = await asOrganizer(
      'POST',
      `/v1/organizations/${organizer.orgId}/events/${ids.event}/sponsor-tiers/defaults`,
    )
    expect(tiers.status).toBe(201)
    ids.tier = tiers.body.data[0].id
  })

  it('3. creates a sponsor and assigns a tier', async () => {
    const sponsor = await asOrganizer('POST', `/v1/organizations/${organizer.orgId}/events/${ids.event}/sponsors`, {
      name: 'Checklist Co',
      contact_email: 'team@checklist.example',
      tier_id: ids.tier,
    })
    expect(sponsor.body).toMatchObject({ company_name: 'Checklist Co', tier_id: ids.tier, tier_name: 'Platinum' })
    ids.sponsor = sponsor.body.id
    ids.sponsorOrg = sponsor.body.org_id
  })

  it('4. invites a representative via email', async () => {
    const invited = await asOrganizer(
      'POST',
      `/v1/organizations/${organizer.orgId}/sponsors/${ids.sponsor}/invitations`,
      { email: 'rep@checklist.example', role: 'representative' },
    )
    expect(invited.body.delivery.status).toBe('sent')
  })

  it('5. accepts the invitation with a test user', async () => {
    const token = invitationToken(await smtp.nextTo('rep@checklist.example'))
    const signup = await api(server.url, 'POST', '/v1/auth/signup', {
      body: {
        email: 'rep@checklist.example',
        password: 'correct horse battery',
        name: 'Rita',
        org_name: 'Rita Org',
        org_kind: 'organizer',
      },
    })
    rep = { ...signup.body, orgId: signup.body.orgs[0].id, password: 'correct horse battery' }
    const accepted = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: rep.access_token,
      body: { token },
    })
    expect(accepted.body).toMatchObject({ sponsor_id: ids.sponsor, role: 'representative' })
  })

  it('6. connects a WebSocket and joins the lead room with sponsor.leads.join', async () => {
    socket = io(server.url, { auth: { token: rep.access_token }, transports: ['websocket'] })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('connect_error', reject)
    })
    expect(await socket.timeout(5000).emitWithAck('sponsor.leads.join', { sponsor_id: ids.sponsor })).toEqual({
      ok: true,
    })
  })

  it('7. captures a lead via the REST endpoint, broadcast as lead.captured.new', async () => {
    await asOrganizer('POST', `/v1/events/${ids.event}/attendees`, [
      {
        badge_code: 'CHK-1',
        name: 'Casey Buyer',
        email: 'casey@buyer.example',
        company: 'Buyer Inc',
        consent_to_share: true,
      },
    ])
    const broadcast = new Promise<{ id: string }>((resolve) => socket.once('lead.captured.new', resolve))
    const lead = await asRep('POST', `/v1/events/${ids.event}/sponsors/${ids.sponsor}/capture-lead`, {
      lead_id: randomUUID(),
      badge_code: 'CHK-1',
      interaction: 'demo_request',
    })
    expect(lead.status).toBe(201)
    ids.lead = lead.body.id
    expect((await broadcast).id).toBe(ids.lead)
  })

  it('8. scores intent: demo_request 30 (cold), then direct_request and a repeat visit make it hot', async () => {
    const again = await asRep('POST', `/v1/events/${ids.event}/sponsors/${ids.sponsor}/capture-lead`, {
      lead_id: randomUUID(),
      badge_code: 'CHK-1',
      interaction: 'direct_request',
    })
    expect(again.body).toMatchObject({
      id: ids.lead,
      intent_score: 70,
      intent_level: 'hot',
      score_explanation: 'demo_request +30, direct_request +35, repeat_visit +5 = 70',
    })
  })

  it('9. queries leads with filters (intent level, status)', async () => {
    expect((await asRep('GET', `/v1/sponsors/${ids.sponsor}/leads?intent_level=hot&status=new`)).body.total).toBe(1)
    expect((await asRep('GET', `/v1/sponsors/${ids.sponsor}/leads?intent_level=cold`)).body.total).toBe(0)
  })

  it('10. updates the follow-up status', async () => {
    expect(
      (await asRep('PATCH', `/v1/sponsors/${ids.sponsor}/leads/${ids.lead}`, { follow_up_status: 'contacted' })).body
        .follow_up_status,
    ).toBe('contacted')
  })

  it('11. stars and archives leads', async () => {
    expect(
      (await asRep('PATCH', `/v1/sponsors/${ids.sponsor}/leads/${ids.lead}`, { starred: true })).body.is_starred,
    ).toBe(true)
    expect(
      (await asRep('PATCH', `/v1/sponsors/${ids.sponsor}/leads/${ids.lead}`, { archived: true })).body.is_archived,
    ).toBe(true)
  })

  it('12. gets sponsor statistics', async () => {
    const stats = await asRep('GET', `/v1/sponsors/${ids.sponsor}/leads/stats`)
    expect(stats.body).toMatchObject({ total: 0, archived: 1 })
    await asRep('PATCH', `/v1/sponsors/${ids.sponsor}/leads/${ids.lead}`, { archived: false })
    expect((await asRep('GET', `/v1/sponsors/${ids.sponsor}/leads/stats`)).body).toMatchObject({
      total: 1,
      starred: 1,
      by_intent_level: { hot: 1 },
      by_rep: [{ user_id: rep.user.id, leads: 1 }],
    })
  })
})
