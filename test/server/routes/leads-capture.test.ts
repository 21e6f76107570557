// Seed 004's capture checklist: capture over REST, intent scoring, merging, consent, qualifiers.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends, raceTitle } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../support/lead-fixtures'

describeBackends('POST /v1/events/{event_id}/sponsors/{sponsor_id}/capture-lead on %s', (backend) => {
  let server: TestServer
  let world: SponsorWorld
  let capture: ReturnType<typeof capturer>
  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LEAD_CAPTURES_PER_MINUTE: '10000' } })
    world = await sponsorWorld(server.url)
    await addAttendees(server.url, world, [
      { badge_code: 'A-1', name: 'Ada Lovelace', email: 'ada@example.com', company: 'Engines', consent_to_share: true },
      { badge_code: 'A-2', name: 'Alan Turing', email: 'alan@example.com', consent_to_share: true },
      { badge_code: 'A-3', name: 'Private Person', email: 'private@example.com', consent_to_share: false },
      { badge_code: 'A-4', name: 'Grace Hopper', email: 'grace@example.com', consent_to_share: true },
      { badge_code: 'A-5', name: 'Race Condition', consent_to_share: true },
    ])
    capture = capturer(server.url, world)
  })
  afterAll(() => server.close())

  const leadRows = async () =>
    (await server.db.query('SELECT count(*)::int AS n FROM leads WHERE sponsor_id = $1', [world.sponsorId])).rows[0]!.n

  it("captures a badge with the attendee's shared details and scores the interaction", async () => {
    const leadId = randomUUID()
    const response = await capture({
      lead_id: leadId,
      badge_code: 'A-1',
      interaction: 'booth_visit',
      notes: 'Asked about pricing',
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      id: leadId,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      company: 'Engines',
      badge_code: 'A-1',
      is_manual: false,
      intent_score: 10,
      intent_level: 'cold',
      capture_outcome: 'created',
      capture_count: 1,
      consent: { source: 'attendee_directory', confirmed_by: null },
      score_explanation: 'booth_visit +10 = 10',
    })
    expect(response.body.interactions).toMatchObject([
      { type: 'booth_visit', points: 10, captured_by: world.sponsorOwner.user.id },
    ])
  })

  it('merges a second capture of the same attendee into the one lead with a repeat_visit, and counts a retry once', async () => {
    const first = await capture({ badge_code: 'A-2', interaction: 'booth_visit' })
    const retryId = randomUUID()
    const second = await capture({ lead_id: retryId, badge_code: 'A-2', interaction: 'demo_request' })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({
      id: first.body.id,
      capture_outcome: 'merged',
      intent_score: 45,
      intent_level: 'warm',
      capture_count: 2,
    })
    expect(second.body.interactions.map((i: { type: string }) => i.type)).toEqual([
      'booth_visit',
      'demo_request',
      'repeat_visit',
    ])

    const retried = await capture({ lead_id: retryId, badge_code: 'A-2', interaction: 'demo_request' })
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({
      id: first.body.id,
      capture_outcome: 'replayed',
      intent_score: 45,
      capture_count: 2,
    })
    const leads = await server.db.query(
      'SELECT count(*)::int AS n FROM leads WHERE attendee_id IS NOT NULL AND badge_code = $1',
      ['A-2'],
    )
    expect(leads.rows[0]!.n).toBe(1)
  })

  it('caps the score at 100 and says so in the explanation', async () => {
    await capture({ badge_code: 'A-4', interaction: 'direct_request' })
    await capture({ badge_code: 'A-4', interaction: 'direct_request' })
    const third = await capture({ badge_code: 'A-4', interaction: 'direct_request' })
    expect(third.body).toMatchObject({ intent_score: 100, intent_level: 'hot', capture_count: 3 })
    expect(third.body.score_explanation).toBe(
      'direct_request +35, direct_request +35, repeat_visit +5, direct_request +35, repeat_visit +5 = 115, capped at 100',
    )
  })

  it(raceTitle(backend, 'makes one lead of many simultaneous first captures of the same attendee'), async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => capture({ badge_code: 'A-5', interaction: 'qr_scan' })),
    )
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    const rows = await server.db.query(
      'SELECT capture_count, jsonb_array_length(interactions) AS n FROM leads WHERE badge_code = $1',
      ['A-5'],
    )
    expect(rows.rows).toEqual([{ capture_count: 8, n: 15 }])
  })

  it('refuses an attendee who did not consent, with the reason, and stores nothing', async () => {
    const before = await leadRows()
    const response = await capture({ badge_code: 'A-3', interaction: 'booth_visit' })
    expect(response.status).toBe(422)
    expect(response.body.error.code).toBe('consent-missing')
    expect(response.body.error.message).toMatch(/not agreed to share/)
    expect(JSON.stringify(response.body)).not.toContain('private@example.com')
    expect(await leadRows()).toBe(before)
  })

  it('records who confirmed consent, and when, for a manual lead', async () => {
    const response = await capture({
      manual: { name: 'Walk Up', email: 'walkup@example.com', phone: '+1 555 0100', consent_confirmed: true },
      interaction: 'demo_watched',
    })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      is_manual: true,
      attendee_id: null,
      name: 'Walk Up',
      phone: '+1 555 0100',
      intent_score: 20,
      consent: { source: 'confirmed_at_capture', confirmed_by: world.sponsorOwner.user.id },
    })
    expect(Date.parse(response.body.consent.confirmed_at)).toBeGreaterThan(Date.now() - 60_000)
  })

  it.each([
    ['an unknown badge', { badge_code: 'NOPE', interaction: 'booth_visit' }, 404],
    [
      'both a badge and a manual lead',
      { badge_code: 'A-1', manual: { name: 'X', consent_confirmed: true }, interaction: 'booth_visit' },
      400,
    ],
    ['neither a badge nor a manual lead', { interaction: 'booth_visit' }, 400],
    [
      'a manual lead without confirmed consent',
      { manual: { name: 'X', consent_confirmed: false }, interaction: 'booth_visit' },
      400,
    ],
    ['an unknown interaction', { badge_code: 'A-1', interaction: 'hug' }, 400],
    ['repeat_visit as an interaction (it is only a bonus)', { badge_code: 'A-1', interaction: 'repeat_visit' }, 400],
    ['oversize notes', { badge_code: 'A-1', interaction: 'booth_visit', notes: 'x'.repeat(2001) }, 400],
    ['a lead_id that is not a UUID', { lead_id: 'abc', badge_code: 'A-1', interaction: 'booth_visit' }, 400],
  ])('refuses %s and writes nothing', async (_name, body, status) => {
    const before = (
      await server.db.query('SELECT count(*)::int AS n, coalesce(sum(capture_count), 0)::int AS c FROM leads')
    ).rows[0]
    const response = await capture(body)
    expect(response.status).toBe(status)
    expect(response.body.error.message).toBeTruthy()
    expect(
      (await server.db.query('SELECT count(*)::int AS n, coalesce(sum(capture_count), 0)::int AS c FROM leads'))
        .rows[0],
    ).toEqual(before)
  })

  it("asks the sponsor's qualifier questions and checks the answers", async () => {
    const base = `/v1/sponsors/${world.sponsorId}/events/${world.eventId}/qualifiers`
    const as = { token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId }
    const timeline = await api(server.url, 'POST', base, {
      ...as,
      body: {
        prompt: 'Buying timeline?',
        kind: 'single_choice',
        options: ['Now', 'This year', 'Later'],
        is_required: true,
      },
    })
    const interest = await api(server.url, 'POST', base, {
      ...as,
      body: { prompt: 'Interested in', kind: 'multiple_choice', options: ['API', 'Desktop', 'Support'] },
    })
    const rating = await api(server.url, 'POST', base, { ...as, body: { prompt: 'Fit', kind: 'rating' } })
    expect(timeline.status).toBe(201)
    expect(
      (
        await api(server.url, 'POST', base, {
          ...as,
          body: { prompt: 'Bad', kind: 'single_choice', options: ['Only one'] },
        })
      ).status,
    ).toBe(400)
    expect((await api(server.url, 'GET', base, as)).body.data).toHaveLength(3)

    await addAttendees(server.url, world, [{ badge_code: 'Q-1', name: 'Quinn', consent_to_share: true }])
    const missing = await capture({ badge_code: 'Q-1', interaction: 'booth_visit' })
    expect(missing.status).toBe(400)
    expect(missing.body.error.details[0]).toMatchObject({ question_id: timeline.body.id })
    const wrong = await capture({
      badge_code: 'Q-1',
      interaction: 'booth_visit',
      qualifiers: { [timeline.body.id]: 'Never', [rating.body.id]: 9 },
    })
    expect(wrong.status).toBe(400)
    const good = await capture({
      badge_code: 'Q-1',
      interaction: 'booth_visit',
      qualifiers: { [timeline.body.id]: 'Now', [interest.body.id]: ['API', 'Support'], [rating.body.id]: 4 },
    })
    expect(good.status).toBe(201)
    expect(good.body.qualifiers).toEqual({
      [timeline.body.id]: 'Now',
      [interest.body.id]: ['API', 'Support'],
      [rating.body.id]: 4,
    })

    const retired = await api(server.url, 'PATCH', `/v1/sponsors/${world.sponsorId}/qualifiers/${timeline.body.id}`, {
      ...as,
      body: { is_active: false },
    })
    expect(retired.body.is_active).toBe(false)
  })

  it('refuses capture at an archived sponsorship and by people without the capture permission', async () => {
    const viewer = await representative(server.url, server.db, world, 'viewer', 'Viewer')
    const byViewer = await capturer(server.url, world, viewer)({ badge_code: 'A-1', interaction: 'booth_visit' })
    expect(byViewer.status).toBe(403)
    expect(byViewer.body.error.message).toContain('sponsor:leads:capture')
    const staff = await representative(server.url, server.db, world, 'booth_staff', 'Staff')
    expect((await capturer(server.url, world, staff)({ badge_code: 'A-1', interaction: 'content_view' })).status).toBe(
      200,
    )

    const asOrganizer = { token: world.organizer.access_token, orgId: world.organizer.orgId }
    await api(
      server.url,
      'DELETE',
      `/v1/organizations/${world.organizer.orgId}/sponsors/${world.sponsorId}`,
      asOrganizer,
    )
    const archived = await capture({ badge_code: 'A-1', interaction: 'booth_visit' })
    expect(archived.status).toBe(409)
    expect(archived.body.error.code).toBe('sponsor-archived')
    await api(server.url, 'PATCH', `/v1/organizations/${world.organizer.orgId}/sponsors/${world.sponsorId}`, {
      ...asOrganizer,
      body: { is_archived: false },
    })
    expect((await capture({ badge_code: 'A-1', interaction: 'booth_visit' })).status).toBe(200)
  })
})

describe('capture rate limit', () => {
  it('allows 30 captures a minute per representative, then answers 429 with the wait', async () => {
    const server = await startTestServer({ backend: 'pglite' })
    try {
      const world = await sponsorWorld(server.url, 'Limited')
      await addAttendees(server.url, world, [{ badge_code: 'R-1', name: 'Repeat', consent_to_share: true }])
      const capture = capturer(server.url, world)
      const statuses: number[] = []
      for (let i = 0; i < 31; i++)
        statuses.push((await capture({ badge_code: 'R-1', interaction: 'content_view' })).status)
      expect(statuses.filter((s) => s === 429)).toHaveLength(1)
      expect(statuses[30]).toBe(429)
      const other = await representative(server.url, server.db, world, 'representative', 'Other')
      expect(
        (await capturer(server.url, world, other)({ badge_code: 'R-1', interaction: 'content_view' })).status,
      ).toBe(200)
    } finally {
      await server.close()
    }
  })
})
