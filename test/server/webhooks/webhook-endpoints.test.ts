// Webhook endpoints over HTTP: the secret is shown once, rotation keeps the old one for 24 h, bad URLs
// (server-side request forgery) and unknown types are 4xx and write nothing, members and other
// organizations are refused, and the catalog lists every type with a schema.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { api, signUp, type SignedUp } from '../../support/api-client'
import { as } from '../../support/commerce-fixtures'

describeBackends('webhook endpoints on %s', (backend) => {
  let server: TestServer
  let org: SignedUp
  const base = () => `/v1/organizations/${org.orgId}/webhook-endpoints`
  const count = async () =>
    (
      await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_endpoints WHERE org_id = $1', [
        org.orgId,
      ])
    ).rows[0]!.n

  beforeAll(async () => {
    server = await startTestServer({ backend })
    org = await signUp(server.url, 'organizer', 'Hooks Org')
  })
  afterAll(() => server.close())

  it('creates an endpoint whose whsec_ secret is shown at creation only, and lists it without', async () => {
    const made = await api(server.url, 'POST', base(), {
      ...as(org),
      body: { url: 'http://127.0.0.1:9/hooks', events: ['order.funded', 'proposal.sent'], description: 'CRM' },
    })
    expect(made.status).toBe(201)
    expect(made.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(made.body.secret.slice(6), 'base64').length).toBe(24)
    const listed = await api(server.url, 'GET', base(), as(org))
    expect(listed.body.data.map((e: { id: string }) => e.id)).toContain(made.body.id)
    expect(JSON.stringify(listed.body)).not.toContain(made.body.secret)
    const one = await api(server.url, 'GET', `${base()}/${made.body.id}`, as(org))
    expect(one.body).toMatchObject({
      url: 'http://127.0.0.1:9/hooks',
      events: ['order.funded', 'proposal.sent'],
      enabled: true,
    })
    expect(one.body.secret).toBeUndefined()
  })

  it('rotates the secret: a new one is shown, the old one stays live for 24 hours', async () => {
    const made = await api(server.url, 'POST', base(), {
      ...as(org),
      body: { url: 'http://127.0.0.1:9/rotate', events: ['order.funded'] },
    })
    const rotated = await api(server.url, 'POST', `${base()}/${made.body.id}:rotate-secret`, as(org))
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(made.body.secret)
    const hours = (Date.parse(rotated.body.previous_secret_expires_at) - Date.now()) / 3_600_000
    expect(hours).toBeGreaterThan(23.9)
    expect(hours).toBeLessThanOrEqual(24)
    const row = (
      await server.db.query('SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1', [made.body.id])
    ).rows[0]
    expect(row).toEqual({ secret: rotated.body.secret, previous_secret: made.body.secret })
  })

  it.each([
    ['a private address', 'https://10.0.0.7/hooks'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data'],
    ['a link-local IPv6 address', 'https://[fe80::1]/hooks'],
    ['an IPv4-mapped private address', 'https://[::ffff:192.168.1.1]/hooks'],
    ['CGNAT space', 'https://100.64.0.1/hooks'],
    ['plain http to a public host', 'http://93.184.216.34/hooks'],
    ['another scheme', 'ftp://127.0.0.1/hooks'],
    ['credentials in the URL', 'https://user:pw@93.184.216.34/hooks'],
    ['a host that does not resolve', 'https://no-such-host.invalid/hooks'],
  ])('refuses %s with a 4xx and writes nothing', async (_what, url) => {
    const before = await count()
    const made = await api(server.url, 'POST', base(), { ...as(org), body: { url, events: ['order.funded'] } })
    expect(made.status).toBe(422)
    expect(made.body.error.code).toBe('webhook-url-refused')
    expect(await count()).toBe(before)
  })

  it('refuses a change to a private URL and leaves the endpoint as it was', async () => {
    const made = await api(server.url, 'POST', base(), {
      ...as(org),
      body: { url: 'http://127.0.0.1:9/keep', events: ['order.funded'] },
    })
    const patched = await api(server.url, 'PATCH', `${base()}/${made.body.id}`, {
      ...as(org),
      body: { url: 'https://192.168.0.10/steal' },
    })
    expect(patched.status).toBe(422)
    expect((await api(server.url, 'GET', `${base()}/${made.body.id}`, as(org))).body.url).toBe(
      'http://127.0.0.1:9/keep',
    )
  })

  it('refuses unknown event types', async () => {
    const before = await count()
    const made = await api(server.url, 'POST', base(), {
      ...as(org),
      body: { url: 'http://127.0.0.1:9/x', events: ['order.funded', 'order.stolen'] },
    })
    expect(made.status).toBe(422)
    expect(made.body.error.message).toContain('order.stolen')
    expect(await count()).toBe(before)
  })

  it('refuses members who are not owners or admins, and other organizations', async () => {
    const member = await signUp(server.url, 'organizer', 'Plain Member')
    await server.db.query("INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'member')", [
      org.orgId,
      member.user.id,
    ])
    const asMember = { token: member.access_token, orgId: org.orgId }
    const before = await count()
    expect((await api(server.url, 'GET', base(), asMember)).status).toBe(403)
    expect(
      (
        await api(server.url, 'POST', base(), {
          ...asMember,
          body: { url: 'http://127.0.0.1:9/m', events: ['order.funded'] },
        })
      ).status,
    ).toBe(403)
    const other = await signUp(server.url, 'organizer', 'Other Org')
    expect((await api(server.url, 'GET', base(), as(other))).status).toBe(403)
    expect(
      (
        await api(server.url, 'GET', `/v1/organizations/${other.orgId}/webhook-endpoints`, {
          token: org.access_token,
          orgId: other.orgId,
        })
      ).status,
    ).toBe(403)
    expect(await count()).toBe(before)
  })

  it('deletes an endpoint', async () => {
    const made = await api(server.url, 'POST', base(), {
      ...as(org),
      body: { url: 'http://127.0.0.1:9/gone', events: ['order.funded'] },
    })
    expect((await api(server.url, 'DELETE', `${base()}/${made.body.id}`, as(org))).status).toBe(200)
    expect((await api(server.url, 'GET', `${base()}/${made.body.id}`, as(org))).status).toBe(404)
  })

  it("refuses lead.captured for an organizer (sponsors' own endpoints only) and accepts it for a sponsor", async () => {
    const before = await count()
    const refused = await api(server.url, 'POST', base(), {
      ...as(org),
      body: { url: 'http://127.0.0.1:9/leads', events: ['order.funded', 'lead.captured'] },
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('webhook-event-not-for-organization')
    expect(await count()).toBe(before)
    const sponsor = await signUp(server.url, 'sponsor', 'Hooks Sponsor')
    const accepted = await api(server.url, 'POST', `/v1/organizations/${sponsor.orgId}/webhook-endpoints`, {
      ...as(sponsor),
      body: { url: 'http://127.0.0.1:9/leads', events: ['lead.captured'] },
    })
    expect(accepted.status).toBe(201)
  })

  it('lists every event type of the seed with a JSON schema', async () => {
    const catalog = await api(server.url, 'GET', '/v1/webhook-event-types', { token: org.access_token })
    expect(catalog.status).toBe(200)
    const types = catalog.body.data.map((t: { type: string }) => t.type)
    for (const type of [
      'proposal.sent',
      'order.funded',
      'deliverable.submitted',
      'deliverable.approved',
      'payout.completed',
      'event_sponsorship.updated',
      'workspace.created',
      'widget.updated',
      'lead.captured',
    ]) {
      expect(types).toContain(type)
    }
    const lead = catalog.body.data.find((t: { type: string }) => t.type === 'lead.captured')
    expect(lead.audience).toBe('sponsor')
    expect(Object.keys(lead.schema.properties.attendee.properties).sort()).toEqual([
      'badge_code',
      'company',
      'email',
      'name',
      'phone',
      'title',
    ])
    const funded = catalog.body.data.find((t: { type: string }) => t.type === 'order.funded')
    expect(funded.schema.required).toEqual(
      expect.arrayContaining([
        'order_id',
        'event_id',
        'sponsor_id',
        'amount_cents',
        'escrow_state',
        'stripe_payment_intent_id',
        'application_fee_cents',
      ]),
    )
  })
})

describeBackends('webhook endpoints outside test mode on %s', (backend) => {
  let server: TestServer
  let org: SignedUp
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { WEBHOOKS_ALLOW_LOOPBACK: '0' } })
    org = await signUp(server.url, 'organizer', 'Live Hooks Org')
  })
  afterAll(() => server.close())

  it.each([
    'http://127.0.0.1:9/hooks',
    'https://127.0.0.1:9/hooks',
    'http://[::1]:9/hooks',
    'http://localhost:9/hooks',
  ])('refuses the loopback URL %s', async (url) => {
    const made = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/webhook-endpoints`, {
      ...as(org),
      body: { url, events: ['order.funded'] },
    })
    expect(made.status).toBe(422)
    expect(made.body.error.code).toBe('webhook-url-refused')
    expect(
      (await server.db.query('SELECT count(*)::int AS n FROM webhook_endpoints WHERE org_id = $1', [org.orgId]))
        .rows[0],
    ).toEqual({ n: 0 })
  })
})
