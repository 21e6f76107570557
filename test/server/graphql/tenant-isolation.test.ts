// Every GraphQL query and mutation field, aimed at another organization's ids, is refused as REST refuses it
// (forbidden with the victim's X-Org-Id; forbidden or not-found with the intruder's own), leaks nothing and
// changes nothing. Table-driven: a new field fails the coverage check until it joins the table.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addSponsorOrg } from '../../support/sponsor-fixtures'
import { upsertSponsorUser } from '../../../server/repositories/sponsor-people-repository'
import { codesOf, gql, ok } from '../../support/graphql-client'

interface Victim {
  org: SignedUp
  eventId: string
  tierId: string
  sponsorOrg: SignedUp
  sponsorId: string
  invitationId: string
  sponsorUserId: string
  leadId: string
}

interface Probe {
  field: string
  kind?: 'organizer' | 'sponsor'
  operation: (v: Victim) => { query: string; variables?: Record<string, unknown> }
}

const probes: Probe[] = [
  {
    field: 'Query.eventSponsorTiers',
    operation: (v) => ({ query: `{ eventSponsorTiers(eventId: "${v.eventId}") { id name } }` }),
  },
  {
    field: 'Query.eventSponsors',
    operation: (v) => ({ query: `{ eventSponsors(eventId: "${v.eventId}") { id sponsor { companyName } } }` }),
  },
  {
    field: 'Query.sponsor',
    operation: (v) => ({
      query: `{ sponsor(id: "${v.sponsorId}") { companyName contactEmail sponsorships { event { title } } } }`,
    }),
  },
  {
    field: 'Query.sponsor',
    kind: 'sponsor',
    operation: (v) => ({ query: `{ sponsor(id: "${v.sponsorId}") { companyName contactEmail } }` }),
  },
  {
    field: 'Query.sponsorWithTier',
    operation: (v) => ({
      query: `{ sponsorWithTier(id: "${v.sponsorId}") { tier { name } sponsor { companyName } } }`,
    }),
  },
  {
    field: 'Query.sponsorUsers',
    kind: 'sponsor',
    operation: (v) => ({ query: `{ sponsorUsers(sponsorId: "${v.sponsorId}") { email name } }` }),
  },
  {
    field: 'Query.sponsorUsers',
    operation: (v) => ({ query: `{ sponsorUsers(sponsorId: "${v.sponsorId}") { email name } }` }),
  },
  {
    field: 'Query.sponsorInvitations',
    kind: 'sponsor',
    operation: (v) => ({ query: `{ sponsorInvitations(sponsorId: "${v.sponsorId}") { email } }` }),
  },
  {
    field: 'Query.sponsorLeads',
    kind: 'sponsor',
    operation: (v) => ({
      query: `{ sponsorLeads(sponsorId: "${v.sponsorId}") { totalCount edges { node { name email } } } }`,
    }),
  },
  {
    field: 'Query.lead',
    kind: 'sponsor',
    operation: (v) => ({ query: `{ lead(sponsorId: "${v.sponsorId}", id: "${v.leadId}") { name email } }` }),
  },
  {
    field: 'Query.sponsorStats',
    kind: 'sponsor',
    operation: (v) => ({ query: `{ sponsorStats(sponsorId: "${v.sponsorId}") { total byRep { user { name } } } }` }),
  },
  {
    field: 'Query.qualifierQuestions',
    kind: 'sponsor',
    operation: (v) => ({
      query: `{ qualifierQuestions(sponsorId: "${v.sponsorId}", eventId: "${v.eventId}") { prompt } }`,
    }),
  },
  {
    field: 'Mutation.createSponsorTier',
    operation: (v) => ({
      query: `mutation { createSponsorTier(eventId: "${v.eventId}", input: { name: "Hijacked" }) { id } }`,
    }),
  },
  {
    field: 'Mutation.createDefaultSponsorTiers',
    operation: (v) => ({ query: `mutation { createDefaultSponsorTiers(eventId: "${v.eventId}") { id name } }` }),
  },
  {
    field: 'Mutation.updateSponsorTier',
    operation: (v) => ({
      query: `mutation { updateSponsorTier(id: "${v.tierId}", input: { name: "Hijacked" }) { name } }`,
    }),
  },
  {
    field: 'Mutation.deleteSponsorTier',
    operation: (v) => ({ query: `mutation { deleteSponsorTier(id: "${v.tierId}") { name } }` }),
  },
  {
    field: 'Mutation.createSponsor',
    operation: (v) => ({
      query: `mutation { createSponsor(eventId: "${v.eventId}", input: { tierId: "${v.tierId}", name: "Hijacked", contactEmail: "h@h.example" }) { id } }`,
    }),
  },
  {
    field: 'Mutation.updateSponsor',
    operation: (v) => ({
      query: `mutation { updateSponsor(id: "${v.sponsorId}", input: { isFeatured: true }) { companyName } }`,
    }),
  },
  {
    field: 'Mutation.archiveSponsor',
    operation: (v) => ({ query: `mutation { archiveSponsor(id: "${v.sponsorId}") { companyName } }` }),
  },
  {
    field: 'Mutation.restoreSponsor',
    operation: (v) => ({ query: `mutation { restoreSponsor(id: "${v.sponsorId}") { companyName } }` }),
  },
  {
    field: 'Mutation.createSponsorInvitation',
    kind: 'sponsor',
    operation: (v) => ({
      query: `mutation { createSponsorInvitation(sponsorId: "${v.sponsorId}", input: { email: "spy@intruder.example", role: admin }) { invitation { id } } }`,
    }),
  },
  {
    field: 'Mutation.resendSponsorInvitation',
    kind: 'sponsor',
    operation: (v) => ({
      query: `mutation { resendSponsorInvitation(id: "${v.invitationId}") { invitation { email } } }`,
    }),
  },
  {
    field: 'Mutation.revokeSponsorInvitation',
    kind: 'sponsor',
    operation: (v) => ({ query: `mutation { revokeSponsorInvitation(id: "${v.invitationId}") { email } }` }),
  },
  {
    field: 'Mutation.updateRepresentativePermissions',
    kind: 'sponsor',
    operation: (v) => ({
      query: `mutation { updateRepresentativePermissions(id: "${v.sponsorUserId}", input: { role: admin }) { email } }`,
    }),
  },
  {
    field: 'Mutation.removeRepresentative',
    kind: 'sponsor',
    operation: (v) => ({ query: `mutation { removeRepresentative(id: "${v.sponsorUserId}") { email } }` }),
  },
  {
    field: 'Mutation.updateLead',
    kind: 'sponsor',
    operation: (v) => ({
      query: `mutation { updateLead(sponsorId: "${v.sponsorId}", id: "${v.leadId}", input: { followUpStatus: converted }) { lead { name } } }`,
    }),
  },
  {
    field: 'Mutation.starLead',
    kind: 'sponsor',
    operation: (v) => ({
      query: `mutation { starLead(sponsorId: "${v.sponsorId}", id: "${v.leadId}") { lead { name } } }`,
    }),
  },
  {
    field: 'Mutation.archiveLead',
    kind: 'sponsor',
    operation: (v) => ({
      query: `mutation { archiveLead(sponsorId: "${v.sponsorId}", id: "${v.leadId}") { lead { name } } }`,
    }),
  },
]

/** Fields that act on the caller's own data (no organization) or are public by design, each with its own test below. */
const userScoped = ['Query.mySponsors', 'Mutation.acceptSponsorInvitation']
const publicFields = ['Query.publicEventSponsors']
const secrets = ['Secret Summit', 'guest@victim.example', 'Victim Sponsor', 'pending@victim.example', 'Secret budget?']

describeBackends('GraphQL tenant isolation on %s', (backend) => {
  let server: TestServer
  let victim: Victim
  let intruder: SignedUp
  let sponsorIntruder: SignedUp

  beforeAll(async () => {
    server = await startTestServer({ backend })
    const org = await signUp(server.url, 'organizer', 'Victim')
    const asOrg = { token: org.access_token, orgId: org.orgId }
    const event = await api(server.url, 'POST', '/v1/events', {
      ...asOrg,
      body: { ...sampleEvent, title: 'Secret Summit' },
    })
    const tiers = await api(
      server.url,
      'POST',
      `/v1/organizations/${org.orgId}/events/${event.body.id}/sponsor-tiers/defaults`,
      asOrg,
    )
    const sponsorOrg = await signUp(server.url, 'sponsor', 'Victim Sponsor')
    const sponsorId = await addSponsorOrg(server.url, org, event.body.id, tiers.body.data[0].id, sponsorOrg)
    const asSponsor = { token: sponsorOrg.access_token, orgId: sponsorOrg.orgId }
    const invitation = await api(
      server.url,
      'POST',
      `/v1/organizations/${sponsorOrg.orgId}/sponsors/${sponsorId}/invitations`,
      { ...asSponsor, body: { email: 'pending@victim.example', role: 'viewer' } },
    )
    await api(server.url, 'POST', `/v1/events/${event.body.id}/attendees`, {
      ...asOrg,
      body: [
        { badge_code: 'VIC-1', name: 'Secret Summit Guest', email: 'guest@victim.example', consent_to_share: true },
      ],
    })
    const rep = await signUp(server.url, 'organizer', 'Victim Rep')
    const sponsorUserId = await upsertSponsorUser(server.db, {
      sponsorId,
      sponsorOrgId: sponsorOrg.orgId,
      userId: rep.user.id,
      role: 'viewer',
      permissions: ['sponsor:leads:read'],
    })
    await api(server.url, 'POST', `/v1/sponsors/${sponsorId}/events/${event.body.id}/qualifiers`, {
      ...asSponsor,
      body: { prompt: 'Secret budget?', kind: 'text' },
    })
    const lead = await api(server.url, 'POST', `/v1/events/${event.body.id}/sponsors/${sponsorId}/capture-lead`, {
      ...asSponsor,
      body: { lead_id: randomUUID(), badge_code: 'VIC-1', interaction: 'booth_visit' },
    })
    victim = {
      org,
      eventId: event.body.id,
      tierId: tiers.body.data[3].id,
      sponsorOrg,
      sponsorId,
      invitationId: invitation.body.invitation.id,
      sponsorUserId,
      leadId: lead.body.id,
    }
    intruder = await signUp(server.url, 'organizer', 'Intruder')
    sponsorIntruder = await signUp(server.url, 'sponsor', 'Sponsor Intruder')
  })
  afterAll(() => server.close())

  const snapshot = async () => [
    (
      await server.db.query('SELECT id, name, updated_at FROM sponsor_tiers WHERE org_id = $1 ORDER BY id', [
        victim.org.orgId,
      ])
    ).rows,
    (
      await server.db.query(
        'SELECT id, tier_id, is_featured, archived_at, updated_at FROM event_sponsorships WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (await server.db.query('SELECT id, company_name, updated_at FROM sponsors WHERE id = $1', [victim.sponsorId])).rows,
    (
      await server.db.query(
        'SELECT id, status, token_hash, send_count FROM sponsor_invitations WHERE sponsor_id = $1 ORDER BY id',
        [victim.sponsorId],
      )
    ).rows,
    (
      await server.db.query('SELECT id, role, permissions FROM sponsor_users WHERE sponsor_id = $1 ORDER BY id', [
        victim.sponsorId,
      ])
    ).rows,
    (
      await server.db.query(
        'SELECT id, follow_up_status, is_starred, is_archived, updated_at FROM leads WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
  ]
  const callerOf = (probe: Probe) =>
    probe.kind === 'sponsor'
      ? { caller: sponsorIntruder, victimOrgId: victim.sponsorOrg.orgId }
      : { caller: intruder, victimOrgId: victim.org.orgId }
  const send = (probe: Probe, caller: SignedUp, orgId: string) => {
    const { query, variables } = probe.operation(victim)
    return gql(server.url, query, variables, { token: caller.access_token, orgId })
  }
  const expectNoSecrets = (body: unknown) => {
    for (const secret of [...secrets, victim.eventId]) expect(JSON.stringify(body)).not.toContain(secret)
  }

  it('has a probe for every query and mutation field', () => {
    const schema = server.app.graphql.schema
    const fields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
      Object.keys(type.getFields()).map((name) => `${type.name}.${name}`),
    )
    const covered = new Set([...probes.map((p) => p.field), ...userScoped, ...publicFields])
    expect(fields.filter((field) => !covered.has(field))).toEqual([])
  })

  it.each(probes)(
    "refuses $field ($kind) with another organization's X-Org-Id, leaks and changes nothing",
    async (probe) => {
      const before = await snapshot()
      const { caller, victimOrgId } = callerOf(probe)
      const { body } = await send(probe, caller, victimOrgId)
      expect(codesOf(body)).toEqual(['forbidden'])
      expectNoSecrets(body)
      expect(await snapshot()).toEqual(before)
    },
  )

  it.each(probes)(
    "does not reach the other organization's rows through $field ($kind) with the intruder's own org",
    async (probe) => {
      const before = await snapshot()
      const { caller } = callerOf(probe)
      const { body } = await send(probe, caller, caller.orgId)
      expect(codesOf(body).length).toBeGreaterThan(0)
      for (const code of codesOf(body)) expect(['forbidden', 'not-found']).toContain(code)
      expectNoSecrets(body)
      expect(await snapshot()).toEqual(before)
    },
  )

  it("shows an organizer who adds the victim's sponsor only its own sponsorships and counts, field by field", async () => {
    const asIntruder = { token: intruder.access_token, orgId: intruder.orgId }
    const event = await api(server.url, 'POST', '/v1/events', {
      ...asIntruder,
      body: { ...sampleEvent, title: 'Intruder Expo' },
    })
    const tiers = ok(
      await gql(
        server.url,
        `mutation { createDefaultSponsorTiers(eventId: "${event.body.id}") { id } }`,
        {},
        asIntruder,
      ),
    )
    ok(
      await gql(
        server.url,
        `mutation { createSponsor(eventId: "${event.body.id}", input: { tierId: "${tiers.createDefaultSponsorTiers[0].id}", sponsorOrgId: "${victim.sponsorOrg.orgId}" }) { id } }`,
        {},
        asIntruder,
      ),
    )
    const data = ok(
      await gql(
        server.url,
        `{
      sponsor(id: "${victim.sponsorId}") { sponsorships { event { title } tier { name } leadCounts { total } sponsor { sponsorships { eventId } } } }
      eventSponsors(eventId: "${event.body.id}") { leadCounts { total } sponsor { sponsorships { event { title } leadCounts { total hot } } } }
    }`,
        {},
        asIntruder,
      ),
    )
    expect(data.sponsor.sponsorships).toEqual([
      {
        event: { title: 'Intruder Expo' },
        tier: { name: 'Platinum' },
        leadCounts: { total: 0 },
        sponsor: { sponsorships: [{ eventId: event.body.id }] },
      },
    ])
    expect(data.eventSponsors).toEqual([
      {
        leadCounts: { total: 0 },
        sponsor: { sponsorships: [{ event: { title: 'Intruder Expo' }, leadCounts: { total: 0, hot: 0 } }] },
      },
    ])
    expectNoSecrets(data)
  })

  it('keeps mySponsors and acceptSponsorInvitation to the caller', async () => {
    const mine = ok(
      await gql(
        server.url,
        '{ mySponsors { sponsor { id companyName } } }',
        {},
        { token: sponsorIntruder.access_token, orgId: victim.sponsorOrg.orgId },
      ),
    )
    expect(mine.mySponsors.map((s: { sponsor: { id: string } }) => s.sponsor.id)).not.toContain(victim.sponsorId)
    expectNoSecrets(mine)
    const accepted = await gql(
      server.url,
      `mutation { acceptSponsorInvitation(token: "${'x'.repeat(43)}") { sponsorId } }`,
      {},
      { token: sponsorIntruder.access_token },
    )
    expect(codesOf(accepted.body)).toEqual(['not-found'])
  })

  it("shows anyone an event's sponsors as attendees see them, and nothing more", async () => {
    const data = ok(
      await gql(server.url, `{ publicEventSponsors(eventId: "${victim.eventId}") { companyName tier { name } } }`),
    )
    expect(data.publicEventSponsors).toEqual([{ companyName: 'Victim Sponsor Org', tier: { name: 'Platinum' } }])
    const type = server.app.graphql.schema.getType('PublicSponsor')!
    expect(Object.keys((type as unknown as { getFields(): Record<string, unknown> }).getFields())).not.toEqual(
      expect.arrayContaining(['contactEmail']),
    )
  })

  it('refuses every field to a caller without a token, with the REST code', async () => {
    const { status, body } = await gql(server.url, `{ sponsorLeads(sponsorId: "${victim.sponsorId}") { totalCount } }`)
    expect(status).toBe(401)
    expect(codesOf(body)).toEqual(['unauthorized'])
  })
})
