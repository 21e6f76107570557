// Seed 004's backend checklist again, through GraphQL: tiers, a sponsor with a tier, an invited representative
// who accepts, a lead captured over REST and scored, queried with filters, followed up, starred and archived,
// and the sponsor's statistics. Real HTTP and SMTP; on Postgres when TEST_DATABASE_URL is set.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { backends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { invitationToken, startSmtpSink, type SmtpSink } from '../../support/smtp-sink'
import { codesOf, gql, ok } from '../../support/graphql-client'

const backend = backends.at(-1)!

describe(`seed 004 checklist through GraphQL on ${backend}`, () => {
  let server: TestServer
  let smtp: SmtpSink
  let organizer: SignedUp
  let rep: SignedUp
  const ids = { event: '', tier: '', spareTier: '', sponsor: '', sponsorOrg: '', lead: '' }
  beforeAll(async () => {
    smtp = await startSmtpSink()
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url } })
    organizer = await signUp(server.url, 'organizer', 'GraphQL Host')
    ids.event = (
      await api(server.url, 'POST', '/v1/events', {
        token: organizer.access_token,
        orgId: organizer.orgId,
        body: sampleEvent,
      })
    ).body.id
  })
  afterAll(async () => {
    await server.close()
    await smtp.close()
  })
  const asOrganizer = (query: string, variables: Record<string, unknown> = {}) =>
    gql(server.url, query, variables, { token: organizer.access_token, orgId: organizer.orgId })
  const asRep = (query: string, variables: Record<string, unknown> = {}) =>
    gql(server.url, query, variables, { token: rep.access_token, orgId: ids.sponsorOrg })
  const leadFields =
    'id intentScore intentLevel scoreExplanation followUpStatus isStarred isArchived interactions { type points } capturedBy { name }'

  it('creates the default sponsor tiers', async () => {
    const body = {
      data: ok(
        await asOrganizer('mutation($e: ID!) { createDefaultSponsorTiers(eventId: $e) { id name displayOrder } }', {
          e: ids.event,
        }),
      ),
    }
    expect(body.data.createDefaultSponsorTiers.map((t: { name: string }) => t.name)).toEqual([
      'Platinum',
      'Gold',
      'Silver',
      'Bronze',
    ])
    ids.tier = body.data.createDefaultSponsorTiers[0].id
    ids.spareTier = body.data.createDefaultSponsorTiers[3].id
  })

  it('creates a sponsor with a tier, seen by the organizer with its tier and lead counts', async () => {
    const body = {
      data: ok(
        await asOrganizer(
          `mutation($e: ID!, $t: ID!) {
      createSponsor(eventId: $e, input: { tierId: $t, name: "Checklist Co", contactEmail: "team@checklist.example", logoUrl: "https://cdn.example/logo.png" }) {
        id sponsorId tier { name } sponsor { id orgId companyName logoUrl } leadCounts { total } } }`,
          { e: ids.event, t: ids.tier },
        ),
      ),
    }
    expect(body.data.createSponsor).toMatchObject({
      tier: { name: 'Platinum' },
      sponsor: { companyName: 'Checklist Co', logoUrl: 'https://cdn.example/logo.png' },
      leadCounts: { total: 0 },
    })
    ids.sponsor = body.data.createSponsor.sponsor.id
    ids.sponsorOrg = body.data.createSponsor.sponsor.orgId
    const withTier = await asOrganizer(
      'query($s: ID!) { sponsorWithTier(id: $s) { sponsor { companyName } tier { name color } } }',
      { s: ids.sponsor },
    )
    expect(withTier.body.data.sponsorWithTier).toEqual({
      sponsor: { companyName: 'Checklist Co' },
      tier: { name: 'Platinum', color: '#E5E4E2' },
    })
  })

  it('refuses to delete a tier a sponsor holds, and deletes an unused one', async () => {
    const held = await asOrganizer('mutation($t: ID!) { deleteSponsorTier(id: $t) { id } }', { t: ids.tier })
    expect(codesOf(held.body)).toEqual(['tier-in-use'])
    const spare = await asOrganizer('mutation($t: ID!) { deleteSponsorTier(id: $t) { name } }', { t: ids.spareTier })
    expect(spare.body.data.deleteSponsorTier.name).toBe('Bronze')
    const tiers = await asOrganizer('query($e: ID!) { eventSponsorTiers(eventId: $e) { name } }', { e: ids.event })
    expect(tiers.body.data.eventSponsorTiers.map((t: { name: string }) => t.name)).toEqual([
      'Platinum',
      'Gold',
      'Silver',
    ])
  })

  it('invites a representative by email', async () => {
    const body = {
      data: ok(
        await asOrganizer(
          `mutation($s: ID!) { createSponsorInvitation(sponsorId: $s, input: { email: "rep@checklist.example", role: representative }) {
      invitation { status role } delivery { status } } }`,
          { s: ids.sponsor },
        ),
      ),
    }
    expect(body.data.createSponsorInvitation).toEqual({
      invitation: { status: 'pending', role: 'representative' },
      delivery: { status: 'sent' },
    })
  })

  it('accepts the invitation with a test user', async () => {
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
    const accepted = await gql(
      server.url,
      'mutation($t: String!) { acceptSponsorInvitation(token: $t) { sponsorId role permissions } }',
      { t: token },
      { token: rep.access_token },
    )
    expect(accepted.body.data.acceptSponsorInvitation).toMatchObject({ sponsorId: ids.sponsor, role: 'representative' })
    const mine = await gql(
      server.url,
      '{ mySponsors { role sponsor { companyName } sponsorships { tier { name } event { title } } } }',
      {},
      { token: rep.access_token },
    )
    expect(mine.body.data.mySponsors).toEqual([
      {
        role: 'representative',
        sponsor: { companyName: 'Checklist Co' },
        sponsorships: [{ tier: { name: 'Platinum' }, event: { title: sampleEvent.title } }],
      },
    ])
  })

  it('reads a lead captured over REST, scored: demo_request 30 then direct_request and a repeat visit make it hot', async () => {
    await api(server.url, 'POST', `/v1/events/${ids.event}/attendees`, {
      token: organizer.access_token,
      orgId: organizer.orgId,
      body: [{ badge_code: 'CHK-1', name: 'Casey Buyer', email: 'casey@buyer.example', consent_to_share: true }],
    })
    const capture = (interaction: string) =>
      api(server.url, 'POST', `/v1/events/${ids.event}/sponsors/${ids.sponsor}/capture-lead`, {
        token: rep.access_token,
        orgId: ids.sponsorOrg,
        body: { lead_id: randomUUID(), badge_code: 'CHK-1', interaction },
      })
    ids.lead = (await capture('demo_request')).body.id
    expect(
      (
        await asRep(`query($s: ID!, $l: ID!) { lead(sponsorId: $s, id: $l) { ${leadFields} } }`, {
          s: ids.sponsor,
          l: ids.lead,
        })
      ).body.data.lead,
    ).toMatchObject({ intentScore: 30, intentLevel: 'cold' })
    await capture('direct_request')
    const body = {
      data: ok(
        await asRep(`query($s: ID!, $l: ID!) { lead(sponsorId: $s, id: $l) { ${leadFields} } }`, {
          s: ids.sponsor,
          l: ids.lead,
        }),
      ),
    }
    expect(body.data.lead).toMatchObject({
      intentScore: 70,
      intentLevel: 'hot',
      scoreExplanation: 'demo_request +30, direct_request +35, repeat_visit +5 = 70',
      capturedBy: { name: 'Rita' },
    })
  })

  it('queries leads with filters (intent level, status)', async () => {
    const page = (filter: string) =>
      asRep(`query($s: ID!) { sponsorLeads(sponsorId: $s, filter: ${filter}) { totalCount edges { node { id } } } }`, {
        s: ids.sponsor,
      })
    expect((await page('{ intentLevel: hot, status: new }')).body.data.sponsorLeads).toEqual({
      totalCount: 1,
      edges: [{ node: { id: ids.lead } }],
    })
    expect((await page('{ intentLevel: cold }')).body.data.sponsorLeads.totalCount).toBe(0)
  })

  it('updates the follow-up status', async () => {
    const body = {
      data: ok(
        await asRep(
          'mutation($s: ID!, $l: ID!) { updateLead(sponsorId: $s, id: $l, input: { followUpStatus: contacted }) { lead { followUpStatus } notices { code } } }',
          { s: ids.sponsor, l: ids.lead },
        ),
      ),
    }
    expect(body.data.updateLead).toEqual({ lead: { followUpStatus: 'contacted' }, notices: [] })
  })

  it('stars and archives leads', async () => {
    expect(
      (
        await asRep('mutation($s: ID!, $l: ID!) { starLead(sponsorId: $s, id: $l) { lead { isStarred } } }', {
          s: ids.sponsor,
          l: ids.lead,
        })
      ).body.data.starLead.lead.isStarred,
    ).toBe(true)
    expect(
      (
        await asRep('mutation($s: ID!, $l: ID!) { archiveLead(sponsorId: $s, id: $l) { lead { isArchived } } }', {
          s: ids.sponsor,
          l: ids.lead,
        })
      ).body.data.archiveLead.lead.isArchived,
    ).toBe(true)
  })

  it('gets the sponsor statistics', async () => {
    const stats = () =>
      asRep(
        'query($s: ID!) { sponsorStats(sponsorId: $s) { total archived starred byIntentLevel { hot } byFollowUpStatus { status leads } byRep { user { name } leads } } }',
        { s: ids.sponsor },
      )
    expect((await stats()).body.data.sponsorStats).toMatchObject({ total: 0, archived: 1 })
    await asRep(
      'mutation($s: ID!, $l: ID!) { archiveLead(sponsorId: $s, id: $l, archived: false) { lead { isArchived } } }',
      { s: ids.sponsor, l: ids.lead },
    )
    expect((await stats()).body.data.sponsorStats).toEqual({
      total: 1,
      archived: 0,
      starred: 1,
      byIntentLevel: { hot: 1 },
      byFollowUpStatus: [{ status: 'contacted', leads: 1 }],
      byRep: [{ user: { name: 'Rita' }, leads: 1 }],
    })
  })

  it('shows attendees the sponsors by name, tier and logo, without contact details, over GraphQL and REST', async () => {
    const body = {
      data: ok(
        await gql(
          server.url,
          'query($e: ID!) { publicEventSponsors(eventId: $e) { companyName logoUrl tier { name } } }',
          { e: ids.event },
        ),
      ),
    }
    expect(body.data.publicEventSponsors).toEqual([
      { companyName: 'Checklist Co', logoUrl: 'https://cdn.example/logo.png', tier: { name: 'Platinum' } },
    ])
    const rest = await api(server.url, 'GET', `/v1/public/events/${ids.event}/sponsors`)
    expect(rest.body.data).toEqual([
      expect.objectContaining({
        company_name: 'Checklist Co',
        logo_url: 'https://cdn.example/logo.png',
        tier: expect.objectContaining({ name: 'Platinum' }),
      }),
    ])
    expect(JSON.stringify(rest.body)).not.toContain('team@checklist.example')
    expect((await api(server.url, 'GET', `/v1/public/events/${randomUUID()}/sponsors`)).status).toBe(404)
  })

  it('archives and restores the sponsor', async () => {
    const archived = await asOrganizer('mutation($s: ID!) { archiveSponsor(id: $s) { sponsorships { isArchived } } }', {
      s: ids.sponsor,
    })
    expect(archived.body.data.archiveSponsor.sponsorships).toEqual([{ isArchived: true }])
    expect(
      (await gql(server.url, 'query($e: ID!) { publicEventSponsors(eventId: $e) { companyName } }', { e: ids.event }))
        .body.data.publicEventSponsors,
    ).toEqual([])
    const restored = await asOrganizer(
      'mutation($s: ID!) { restoreSponsor(id: $s) { sponsorships { isArchived leadCounts { total hot } } } }',
      { s: ids.sponsor },
    )
    expect(restored.body.data.restoreSponsor.sponsorships).toEqual([
      { isArchived: false, leadCounts: { total: 1, hot: 1 } },
    ])
  })
})
