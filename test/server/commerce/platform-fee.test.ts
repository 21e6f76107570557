// Issue 10 §6: the platform's fee is the platform's (PLATFORM_FEE_PERCENTAGE, per-organization overrides by a
// platform administrator only), and a Connect account pays out only to the organization it was made for.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api, signUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld } from '../../support/commerce-fixtures'

describeBackends('platform fee on %s', (backend) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { PLATFORM_FEE_PERCENTAGE: '0.1' } })
  })
  afterAll(() => server.close())

  const payoutPath = (orgId: string) => `/v1/organizations/${orgId}/payout-configuration`
  const feePath = (orgId: string) => `/v1/platform/organizations/${orgId}/platform-fee`

  it("refuses an organizer's own platform fee, and funds orders at the platform's", async () => {
    const world = await commerceWorld(server.url)
    for (const fee of [0, 0.01]) {
      const response = await api(server.url, 'PUT', payoutPath(world.organizer.orgId), {
        ...as(world.organizer),
        body: { platform_fee_percentage: fee },
      })
      expect(response.status, String(fee)).toBe(403)
      expect(response.body.error.code).toBe('platform-fee-not-editable')
    }
    // null is no fee at all, not 0: refused whether the schema or the fee check catches it.
    const nothing = await api(server.url, 'PUT', payoutPath(world.organizer.orgId), {
      ...as(world.organizer),
      body: { platform_fee_percentage: null },
    })
    expect([400, 403]).toContain(nothing.status)
    expect(
      (await api(server.url, 'PUT', payoutPath(world.organizer.orgId), { ...as(world.organizer), body: {} })).status,
    ).toBe(200)
    const config = await api(server.url, 'GET', payoutPath(world.organizer.orgId), as(world.organizer))
    expect(config.body).toMatchObject({ platform_fee_percentage: 0.1, platform_fee_source: 'platform-default' })
    const who = await buyer(server.url, 'Payer')
    const order = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(who.owner),
      body: {
        package_id: world.packageId,
        sponsor_id: who.sponsorId,
        event_id: world.eventId,
        amount_cents: 150000,
        currency: 'USD',
      },
    })
    const funded = await api(server.url, 'POST', `/v1/sponsorship-orders/${order.body.id}:fund`, {
      ...as(who.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    expect(funded.body.order.platform_fee_percentage).toBe(0.1)
  })

  it("lets only a platform administrator set or clear one organization's fee", async () => {
    const world = await commerceWorld(server.url)
    const organizerTry = await api(server.url, 'PUT', feePath(world.organizer.orgId), {
      token: world.organizer.access_token,
      body: { platform_fee_percentage: 0 },
    })
    expect(organizerTry.status).toBe(403)
    expect(organizerTry.body.error.code).toBe('platform-admin-only')
    const admin = await signUp(server.url, 'organizer', 'Ops')
    await server.db.query('UPDATE users SET is_platform_admin = true WHERE id = $1', [admin.user.id])
    const asAdmin = { token: admin.access_token }
    const set = await api(server.url, 'PUT', feePath(world.organizer.orgId), {
      ...asAdmin,
      body: { platform_fee_percentage: 0.05 },
    })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({
      org_id: world.organizer.orgId,
      platform_fee_percentage: 0.05,
      platform_fee_source: 'organization-override',
    })
    expect(
      (await api(server.url, 'GET', payoutPath(world.organizer.orgId), as(world.organizer))).body
        .platform_fee_percentage,
    ).toBe(0.05)
    const cleared = await api(server.url, 'DELETE', feePath(world.organizer.orgId), asAdmin)
    expect(cleared.body).toMatchObject({ platform_fee_percentage: 0.1, platform_fee_source: 'platform-default' })
    expect(
      (
        await api(server.url, 'PUT', feePath('00000000-0000-4000-8000-000000000000'), {
          ...asAdmin,
          body: { platform_fee_percentage: 0.05 },
        })
      ).status,
    ).toBe(404)
  })

  it('refuses a Connect account made for another organization', async () => {
    const victim = await commerceWorld(server.url)
    const account = (await api(server.url, 'GET', payoutPath(victim.organizer.orgId), as(victim.organizer))).body
      .stripe_connect_account_id
    const thief = await signUp(server.url, 'organizer', 'Thief')
    const stolen = await api(server.url, 'PUT', payoutPath(thief.orgId), {
      ...as(thief),
      body: { platform_fee_percentage: 0.1, stripe_connect_account_id: account },
    })
    expect(stolen.status).toBe(403)
    expect(stolen.body.error.code).toBe('connect-account-not-yours')
    const stray = await server.app.stripe.client.accounts.create({ type: 'express' })
    expect(
      (
        await api(server.url, 'PUT', payoutPath(thief.orgId), {
          ...as(thief),
          body: { stripe_connect_account_id: stray.id },
        })
      ).status,
    ).toBe(403)
    const { rows } = await server.db.query('SELECT count(*)::int AS n FROM payout_configurations WHERE org_id = $1', [
      thief.orgId,
    ])
    expect(rows).toEqual([{ n: 0 }])
  })
})
