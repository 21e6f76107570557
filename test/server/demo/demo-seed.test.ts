import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoData, demoEmail } from '../../../server/demo/demo-seed'
import { api } from '../../support/api-client'
import { startTestServer, type TestServer } from '../../support/test-server'

describe('demo data for npm start', () => {
  let server: TestServer
  let token: string
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite' })
    const login = await ensureDemoData(server.db, server.config.dataDir)
    expect(await ensureDemoData(server.db, server.config.dataDir)).toEqual(login)
    token = (await api(server.url, 'POST', '/v1/auth/login', { body: { email: demoEmail, password: login.password } }))
      .body.access_token
  })
  afterAll(() => server.close())

  it('lets the demo user try booth mode as the owner of a sponsor at the demo event', async () => {
    const [sponsor] = (await api(server.url, 'GET', '/v1/my-sponsors', { token })).body.data
    expect(sponsor).toMatchObject({
      company_name: 'Demo Sponsor Co',
      role: 'owner',
      events: [{ title: 'Yardpass Demo Summit', tier_name: 'Gold' }],
    })
    const capture = (badge_code: string) =>
      api(server.url, 'POST', `/v1/events/${sponsor.events[0].event_id}/sponsors/${sponsor.id}/capture-lead`, {
        token,
        orgId: sponsor.org_id,
        body: { badge_code, interaction: 'demo_request' },
      })
    expect((await capture('DEMO-001')).body).toMatchObject({ name: 'Ada Lovelace', intent_score: 30 })
    expect((await capture('DEMO-012')).body.error.code).toBe('consent-missing')
  })

  it('puts a published package on the marketplace for the demo sponsor to make an offer on', async () => {
    const [sponsor] = (await api(server.url, 'GET', '/v1/my-sponsors', { token })).body.data
    const market = await api(server.url, 'GET', '/v1/sponsorship-packages', { token, orgId: sponsor.org_id })
    expect(market.body.data).toMatchObject([
      {
        title: 'Gold Stage Sponsor',
        is_active: true,
        price_cents: 150000,
        audience_snapshot: { estimated_reach: 2400 },
      },
    ])
  })
})
