import { it, expect } from 'vitest'
import { startTestServer } from '/work/wt/graphql/test/support/test-server'
import { api, signUp } from '/work/wt/graphql/test/support/api-client'
it('smoke', async () => {
  const server = await startTestServer({ backend: 'pglite', env: { GRAPHQL_SQL_COUNTS: 'true', GRAPHIQL: 'true' } })
  try {
    const org = await signUp(server.url, 'organizer', 'Smoke')
    const ev = await api(server.url, 'POST', '/v1/events', { token: org.access_token, orgId: org.orgId, body: { title: 'E', start_at: '2027-03-01T09:00:00.000Z', end_at: '2027-03-02T09:00:00.000Z' } })
    const r = await api(server.url, 'POST', '/graphql', { token: org.access_token, orgId: org.orgId, body: { query: `mutation($e: ID!) { createDefaultSponsorTiers(eventId: $e) { id name } }`, variables: { e: ev.body.id } } })
    console.log(JSON.stringify(r.body), r.status)
    const q = await api(server.url, 'POST', '/graphql', { token: org.access_token, orgId: org.orgId, body: { query: `query($e: ID!) { eventSponsorTiers(eventId: $e) { name color } publicEventSponsors(eventId: $e) { companyName } }`, variables: { e: ev.body.id } } })
    console.log(JSON.stringify(q.body), q.status)
    const anon = await api(server.url, 'POST', '/graphql', { body: { query: `{ mySponsors { role } }` } })
    console.log(JSON.stringify(anon.body), anon.status)
    const bad = await api(server.url, 'POST', '/graphql', { token: 'x', body: { query: `{ mySponsors { role } }` } })
    console.log(JSON.stringify(bad.body), bad.status)
    const syn = await api(server.url, 'POST', '/graphql', { token: org.access_token, body: { query: `{ nope }` } })
    console.log(JSON.stringify(syn.body), syn.status)
    const gi = await fetch(server.url + '/graphiql')
    console.log(gi.status, gi.headers.get('content-security-policy'))
    const get = await api(server.url, 'GET', '/graphql?query=' + encodeURIComponent('{ mySponsors { role } }'), { token: org.access_token })
    console.log(JSON.stringify(get.body), get.status)
    const doc = await api(server.url, 'GET', '/openapi.json')
    console.log(doc.status, Object.keys(doc.body.paths).filter((p: string) => p.includes('graph')))
    expect(1).toBe(1)
  } finally { await server.close() }
})
