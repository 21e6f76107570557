// Property-based fuzzing of every route in /openapi.json, as a member of another organization and as nobody:
// no 5xx, no victim row in any answer, no write on a 4xx and no write to the victim's rows ever.
// FUZZ_RUNS sets the cases per route (15 by default; `npm run test:fuzz` runs 200); FUZZ_SEED replays a seed.
import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import { api, sampleEvent, signUp, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addSponsorOrg, organizerWithEvent } from '../../support/sponsor-fixtures'
import { upsertSponsorUser } from '../../../server/repositories/sponsor-people-repository'
import { bodyTextFor, nastyString, valueFor, type GenerationContext, type JsonSchema } from './schema-arbitrary'

const runs = Number(process.env.FUZZ_RUNS ?? 15)
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
/** Every marker is planted in the victim's rows; no answer to anyone else may contain one. */
const markers = /zephyrine|quixotrek/i
const errorEnvelope = {
  error: { code: expect.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), message: expect.any(String) },
}

interface Operation {
  method: string
  path: string
  parameters?: { in: string; name: string; schema?: JsonSchema }[]
  requestBody?: { content: Record<string, { schema?: JsonSchema }> }
}

async function documentedOperations(): Promise<Operation[]> {
  const server = await startTestServer({ backend: 'pglite' })
  try {
    const doc = (await api(server.url, 'GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>
    }
    return Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
    )
  } finally {
    await server.close()
  }
}

// GraphQL answers in GraphQL's own envelope; its fields are probed one by one in test/server/graphql/.
const operations = (await documentedOperations()).filter((operation) => operation.path !== '/graphql')
/** Routes public by design: they show sponsors' names to anyone (attendees), but never contact details. */
const publicByDesign = new Set(['GET /v1/public/events/{event_id}/sponsors'])
const contactDetails = /@zephyrine\.example|Zephyrine Guest/i

const tables: [string, string][] = [
  ['events', 'id'],
  ['sponsors', 'id'],
  ['event_sponsorships', 'id'],
  ['sponsor_users', 'id'],
  ['sponsor_invitations', 'id'],
  ['attendees', 'id'],
  ['leads', 'id'],
  ['lead_captures', 'id'],
  ['sponsorship_packages', 'id'],
  ['proposal_threads', 'id'],
  ['proposal_messages', 'id'],
  ['sponsorship_orders', 'id'],
  ['payout_configurations', 'org_id'],
  ['qualifier_questions', 'id'],
]
const rowsHash = (where: string) => `md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))`.concat(where)
/** One row per table: a hash of all its rows, and of the rows that belonged to the victim when the world was built. */
const snapshotSql = tables
  .map(
    ([table, key]) =>
      `SELECT '${table}' AS t, (SELECT ${rowsHash('')} FROM ${table} x) AS all_rows, (SELECT ${rowsHash('')} FROM ${table} x WHERE x.${key}::text = ANY($1)) AS victim_rows`,
  )
  .join(' UNION ALL ')

interface Victim {
  org: SignedUp
  sponsorOrg: SignedUp
  ids: Record<string, string>
}

async function buildVictim(server: TestServer): Promise<Victim> {
  const url = server.url
  const org = await signUp(url, 'organizer', 'Zephyrine Host')
  const asOrg = { token: org.access_token, orgId: org.orgId }
  const event = await api(url, 'POST', '/v1/events', { ...asOrg, body: { ...sampleEvent, title: 'Zephyrine Gala' } })
  const tiers = await api(
    url,
    'POST',
    `/v1/organizations/${org.orgId}/events/${event.body.id}/sponsor-tiers/defaults`,
    asOrg,
  )
  const sponsorOrg = await signUp(url, 'sponsor', 'Quixotrek Sponsor')
  const asSponsor = { token: sponsorOrg.access_token, orgId: sponsorOrg.orgId }
  const eventId = event.body.id as string
  const tierId = tiers.body.data[0].id as string
  const sponsorId = await addSponsorOrg(url, org, eventId, tierId, sponsorOrg)
  const invitation = await api(url, 'POST', `/v1/organizations/${sponsorOrg.orgId}/sponsors/${sponsorId}/invitations`, {
    ...asSponsor,
    body: { email: 'pending@zephyrine.example', role: 'viewer' },
  })
  await api(url, 'POST', `/v1/events/${eventId}/attendees`, {
    ...asOrg,
    body: [
      {
        badge_code: 'ZEP-1',
        name: 'Zephyrine Guest',
        email: 'guest@zephyrine.example',
        company: 'Quixotrek Labs',
        consent_to_share: true,
      },
    ],
  })
  const rep = await signUp(url, 'organizer', 'Zephyrine Rep')
  const sponsorUserId = await upsertSponsorUser(server.db, {
    sponsorId,
    sponsorOrgId: sponsorOrg.orgId,
    userId: rep.user.id,
    role: 'viewer',
    permissions: ['sponsor:leads:read'],
  })
  const question = await api(url, 'POST', `/v1/sponsors/${sponsorId}/events/${eventId}/qualifiers`, {
    ...asSponsor,
    body: { prompt: 'Zephyrine budget?', kind: 'text' },
  })
  const lead = await api(url, 'POST', `/v1/events/${eventId}/sponsors/${sponsorId}/capture-lead`, {
    ...asSponsor,
    body: { badge_code: 'ZEP-1', interaction: 'booth_visit' },
  })
  await api(url, 'PUT', `/v1/organizations/${org.orgId}/payout-configuration`, {
    ...asOrg,
    body: { platform_fee_percentage: 0.1 },
  })
  const pkg = await api(url, 'POST', '/v1/sponsorship-packages', {
    ...asOrg,
    body: {
      event_id: eventId,
      title: 'Zephyrine Gold',
      tier: 'gold',
      price_cents: 90000,
      inventory: 5,
      visibility: 'private',
    },
  })
  await api(url, 'POST', `/v1/sponsorship-packages/${pkg.body.id}:publish`, asOrg)
  const thread = await api(url, 'POST', '/v1/proposals', {
    ...asOrg,
    body: {
      event_id: eventId,
      sponsor_id: sponsorId,
      package_id: pkg.body.id,
      initial_message: { body: 'Zephyrine offer', offer: { price_cents: 80000 } },
    },
  })
  await api(url, 'POST', `/v1/proposals/${thread.body.id}:send`, asOrg)
  const order = await api(url, 'POST', `/v1/proposals/${thread.body.id}:accept`, asSponsor)
  const sponsorship = await api(url, 'POST', '/v1/event-sponsorships', {
    ...asOrg,
    body: { event_id: eventId, sponsor_id: sponsorId, tier: tiers.body.data[0].name, amount_cents: 90000 },
  })
  for (const made of [event, invitation, question, lead, pkg, thread, order, sponsorship]) {
    if (made.status >= 300) throw new Error(`victim setup failed: ${made.status} ${JSON.stringify(made.body)}`)
  }
  return {
    org,
    sponsorOrg,
    ids: {
      org_id: org.orgId,
      sponsor_org_id: sponsorOrg.orgId,
      event_id: eventId,
      tier_id: tierId,
      sponsor_id: sponsorId,
      invitation_id: invitation.body.invitation.id,
      sponsor_user_id: sponsorUserId,
      lead_id: lead.body.id,
      question_id: question.body.id,
      package_id: pkg.body.id,
      thread_id: thread.body.id,
      order_id: order.body.order.id,
      sponsorship_id: sponsorship.body.id,
    },
  }
}

/** The ids a path parameter most likely names in a world, for `{id}` by the collection it sits in. */
function idsFor(ids: Record<string, string>, name: string, path: string): string[] {
  if (name === 'org_id') return [ids.org_id!, ids.sponsor_org_id!]
  if (name !== 'id') return ids[name] ? [ids[name]] : Object.values(ids)
  const byCollection: [string, string][] = [
    ['/v1/events/', 'event_id'],
    ['/v1/sponsorship-packages/', 'package_id'],
    ['/v1/proposals/', 'thread_id'],
    ['/v1/sponsorship-orders/', 'order_id'],
    ['/v1/event-sponsorships/', 'sponsorship_id'],
  ]
  const match = byCollection.find(([prefix]) => path.startsWith(prefix))
  return match && ids[match[1]] ? [ids[match[1]]!] : Object.values(ids)
}

const rawGarbage = fc.constantFrom(
  '%zz',
  '%',
  '%00',
  '%E0%A4%A',
  '..',
  '%2e%2e',
  'null',
  '-1',
  '1e999',
  'a'.repeat(3000),
  '%F0%9F%99%82',
)
const encodeText = (text: string) => {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80' // a lone surrogate has no UTF-8 form: send the bytes a careless client would
  }
}
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,60}$/)

interface FuzzRequest {
  actor: 'nobody' | 'organizer' | 'sponsor'
  orgHeader: 'own' | 'victim' | 'victim-sponsor' | 'garbage' | 'none'
  garbageToken: string | null
  path: string
  query: string
  body: string | undefined
  contentType: string
  idempotencyKey: string | null
  orgGarbage: string
}

function requestFor(
  operation: Operation,
  victim: Victim,
  own: Record<string, string>,
  context: GenerationContext,
): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? []
  const pathParts = parameters
    .filter((p) => p.in === 'path')
    .map((p) =>
      fc
        .oneof(
          { weight: 4, arbitrary: fc.constantFrom(...idsFor(victim.ids, p.name, operation.path)).map(encodeText) },
          { weight: 4, arbitrary: fc.constantFrom(...idsFor(own, p.name, operation.path)).map(encodeText) },
          fc.constantFrom(...context.ids).map(encodeText),
          fc.uuid().map(encodeText),
          fc.oneof(nastyString, fc.string({ maxLength: 20 })).map(encodeText),
          rawGarbage,
        )
        .map((value) => [p.name, value] as const),
    )
  const queryParts = parameters
    .filter((p) => p.in === 'query')
    .map((p) =>
      fc.option(
        fc
          .oneof(
            valueFor(p.schema ?? {}, context, true).map((v) =>
              encodeText(typeof v === 'string' ? v : (JSON.stringify(v) ?? '')),
            ),
            rawGarbage,
          )
          .map((v) => `${p.name}=${v}`),
        { nil: null },
      ),
    )
  const jsonSchema = operation.requestBody?.content['application/json']?.schema
  return fc.record({
    actor: fc.constantFrom('nobody', 'organizer', 'organizer', 'sponsor', 'sponsor'),
    orgHeader: fc.constantFrom('own', 'own', 'own', 'own', 'victim', 'victim', 'victim-sponsor', 'garbage', 'none'),
    garbageToken: fc.option(
      fc.oneof(
        headerValue,
        fc.constantFrom('Bearer ', 'Bearer x.y.z', 'Basic YTpi', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'),
      ),
      { nil: null, freq: 3 },
    ),
    path: fc
      .tuple(...pathParts)
      .map((pairs) => pairs.reduce((path, [name, value]) => path.replace(`{${name}}`, value), operation.path)),
    query: fc
      .tuple(
        fc.tuple(...queryParts),
        fc.option(
          fc.constantFrom(
            'a[b][c][d][e][f][g]=1',
            'limit=1&limit=2',
            'x[]=1&x[]=2',
            '__proto__[admin]=1',
            '=',
            '&&',
            'q=%00',
          ),
          { nil: null },
        ),
      )
      .map(([parts, extra]) => [...parts, extra].filter((part) => part !== null).join('&')),
    body:
      operation.method === 'GET'
        ? fc.constant(undefined)
        : operation.method === 'DELETE'
          ? fc.option(fc.constant('{}'), { nil: undefined, freq: 5 })
          : bodyTextFor(jsonSchema, context),
    contentType: fc.constantFrom(
      ...Array<string>(8).fill('application/json'),
      'text/csv',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
    ),
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerValue), { nil: null, freq: 5 }),
    orgGarbage: headerValue,
  })
}

describeBackends('OpenAPI fuzzing on %s', (backend) => {
  let server: TestServer
  let victim: Victim
  let organizer: SignedUp
  let sponsor: SignedUp
  let victimKeys: string[]
  let context: GenerationContext
  let own: Record<string, string>

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { RATE_LIMIT_PER_MINUTE: '1000000' } })
    victim = await buildVictim(server)
    victimKeys = [victim.org.orgId, victim.sponsorOrg.orgId]
    for (const [table, key] of tables)
      victimKeys.push(
        ...(await server.db.query(`SELECT ${key}::text AS k FROM ${table}`)).rows.map((r) => r.k as string),
      )
    // The intruders have a world of their own, so that requests get past the checks of their own ids into the domain.
    const intruderWorld = await organizerWithEvent(server.url, 'Fuzz Intruder', 'Intruder Expo')
    organizer = intruderWorld.organizer
    sponsor = await signUp(server.url, 'sponsor', 'Fuzz Sponsor Intruder')
    own = {
      org_id: organizer.orgId,
      sponsor_org_id: sponsor.orgId,
      event_id: intruderWorld.eventId,
      tier_id: intruderWorld.tierIds[0]!,
      sponsor_id: await addSponsorOrg(server.url, organizer, intruderWorld.eventId, intruderWorld.tierIds[0]!, sponsor),
    }
    context = { ids: [...Object.values(victim.ids), ...Object.values(own), organizer.user.id] }
  }, 120_000)
  afterAll(() => server?.close())

  const snapshot = async () =>
    (await server.db.query(snapshotSql, [victimKeys])).rows as { t: string; all_rows: string; victim_rows: string }[]

  const send = async (operation: Operation, request: FuzzRequest) => {
    const caller = request.actor === 'organizer' ? organizer : request.actor === 'sponsor' ? sponsor : undefined
    const headers: Record<string, string> = {}
    if (caller) headers.authorization = `Bearer ${caller.access_token}`
    else if (request.garbageToken !== null) headers.authorization = request.garbageToken
    const orgIds = {
      own: caller?.orgId ?? organizer.orgId,
      victim: victim.org.orgId,
      'victim-sponsor': victim.sponsorOrg.orgId,
      garbage: request.orgGarbage,
    }
    if (request.orgHeader !== 'none') headers['x-org-id'] = orgIds[request.orgHeader]
    if (request.idempotencyKey !== null) headers['idempotency-key'] = request.idempotencyKey
    if (request.body !== undefined) headers['content-type'] = request.contentType
    const url = new URL(`${request.path}${request.query ? `?${request.query}` : ''}`, server.url)
    const response = await fetch(url, { method: operation.method, headers, body: request.body })
    return { status: response.status, text: await response.text() }
  }

  it.each(operations.map((operation) => ({ route: `${operation.method} ${operation.path}`, operation })))(
    'answers $route without a 5xx, a leak or a write on refusal',
    async ({ operation }) => {
      await fc.assert(
        fc.asyncProperty(requestFor(operation, victim, own, context), async (request) => {
          const before = await snapshot()
          const response = await send(operation, request)
          const after = await snapshot()
          expect(response.status, response.text.slice(0, 500)).toBeLessThan(500)
          expect(response.text).not.toMatch(
            publicByDesign.has(`${operation.method} ${operation.path}`) ? contactDetails : markers,
          )
          if (response.status >= 400)
            expect(JSON.parse(response.text), 'one error envelope').toMatchObject(errorEnvelope)
          expect(after.map((row) => [row.t, row.victim_rows])).toEqual(before.map((row) => [row.t, row.victim_rows]))
          if (response.status >= 400)
            expect(after, `a ${response.status} wrote: ${response.text.slice(0, 300)}`).toEqual(before)
        }),
        { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
      )
    },
    300_000,
  )
})
