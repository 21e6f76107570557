// The deliverables API: who creates, proves and reviews; the queue and its filters; bad input refused with a clear
// 4xx that changes nothing (no proof row, no stored file); the release gate by event end; brand safety at sale.
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, buyer, commerceWorld } from '../../support/commerce-fixtures'
import { fulfillmentWorld, pngBytes, uploadProof, type FulfillmentWorld } from '../../support/fulfillment-fixtures'
import { reconcile } from '../../../server/commerce/reconcile'
import { gateOf } from '../../../server/commerce/release-gate'
import { allowedDeliverableActions, nextDeliverableStatus } from '../../../shared/commerce/deliverable-machine'

const silent = { info() {}, warn() {}, error() {} }

describe('the deliverable state machine', () => {
  it('moves pending → submitted → approved | needs_changes | waived, and needs_changes → submitted again', () => {
    expect(nextDeliverableStatus('pending', 'submit')).toBe('submitted')
    expect(nextDeliverableStatus('submitted', 'needs_changes')).toBe('needs_changes')
    expect(nextDeliverableStatus('needs_changes', 'submit')).toBe('submitted')
    expect(nextDeliverableStatus('approved', 'submit')).toBeUndefined()
    expect(nextDeliverableStatus('pending', 'approve')).toBeUndefined()
    expect(allowedDeliverableActions('submitted', 'organizer', 'sponsor')).toEqual([
      'approve',
      'needs_changes',
      'waive',
    ])
    expect(allowedDeliverableActions('submitted', 'organizer', 'organizer')).toEqual(['submit'])
  })

  it('opens the release gate only when its condition is met', () => {
    const end = new Date('2027-03-02T18:00:00Z')
    const open = { id: 'd', type: 'booth', status: 'pending', dueAt: null, responsibleSide: 'organizer' }
    expect(gateOf('deliverables_approved', end, [open], new Date()).isOpen).toBe(false)
    expect(gateOf('deliverables_approved', end, [], new Date()).isOpen).toBe(true)
    expect(gateOf('event_end', end, [], new Date('2027-03-02T17:59:59Z')).isOpen).toBe(false)
    expect(gateOf('event_end', end, [], end).isOpen).toBe(true)
    expect(gateOf('manual', end, [open], new Date()).isOpen).toBe(true)
  })
})

describeBackends('deliverables API on %s', (backend) => {
  let server: TestServer
  let world: FulfillmentWorld

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { PROOF_MAX_BYTES: '4096' } })
    world = await fulfillmentWorld(server.url)
  })
  afterAll(() => server.close())

  const proofsDir = () => join(server.config.dataDir, 'proofs')
  const storedFiles = () =>
    existsSync(proofsDir())
      ? readdirSync(proofsDir(), { recursive: true }).filter((f) => String(f).length > 10).length
      : 0
  const proofRows = async () =>
    (await server.db.query('SELECT count(*)::int AS n FROM deliverable_proofs')).rows[0]!.n as number

  it('creates a deliverable the sponsor proves and the organizer reviews, with the seed body', async () => {
    const created = await api(server.url, 'POST', '/v1/deliverables', {
      ...as(world.organizer),
      body: {
        event_id: world.eventId,
        sponsor_id: world.sponsor.sponsorId,
        order_id: world.orderId,
        package_id: world.packageId,
        type: 'stage_branding',
        spec: { asset_format: 'PSD', notes: '1920x1080' },
        due_at: '2027-02-15T17:00:00Z',
        evidence_required: true,
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      type: 'stage_branding',
      responsible_side: 'sponsor',
      reviewing_side: 'organizer',
      status: 'pending',
      awaiting: 'sponsor',
      allowed_actions: ['waive'],
    })
    // The organizer cannot prove the sponsor's part, nor approve before a proof exists.
    const wrongSide = await api(server.url, 'POST', `/v1/deliverables/${created.body.id}/proofs`, {
      ...as(world.organizer),
      body: { asset_url: 'https://cdn.example.com/a.psd' },
    })
    expect(wrongSide.status).toBe(403)
    expect(wrongSide.body.error.code).toBe('not-your-part')
    const tooEarly = await api(server.url, 'POST', `/v1/deliverables/${created.body.id}:approve`, as(world.organizer))
    expect(tooEarly.status).toBe(409)
    expect(tooEarly.body.error).toMatchObject({
      code: 'invalid-transition',
      details: { status: 'pending', allowed: ['waive'] },
    })
    const proved = await uploadProof(server.url, as(world.sponsor.owner), created.body.id, {
      bytes: pngBytes,
      name: 'stage.png',
    })
    expect(proved.status).toBe(201)
    const selfApproval = await api(
      server.url,
      'POST',
      `/v1/deliverables/${created.body.id}:approve`,
      as(world.sponsor.owner),
    )
    expect(selfApproval.status).toBe(403)
    const approved = await api(server.url, 'POST', `/v1/deliverables/${created.body.id}:approve`, as(world.organizer))
    expect(approved.body).toMatchObject({
      status: 'approved',
      reviews: [{ action: 'approve', reviewed_side: 'organizer' }],
    })
    const again = await api(server.url, 'POST', `/v1/deliverables/${created.body.id}:waive`, as(world.organizer))
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('allowed for you now: nothing')
  })

  it('refuses bad deliverables with a 4xx and stores nothing', async () => {
    const before = (await server.db.query('SELECT count(*)::int AS n FROM deliverables')).rows[0]!.n
    const cases = [
      [{ event_id: world.eventId, sponsor_id: world.sponsor.sponsorId, type: 'Logo Placement!' }, 400],
      [{ event_id: world.eventId, sponsor_id: world.sponsor.sponsorId, type: 'logo', due_at: 'tomorrow' }, 400],
      [{ event_id: world.eventId, sponsor_id: world.sponsor.sponsorId, type: 'logo', extra: 1 }, 400],
      [{ event_id: world.eventId, sponsor_id: '00000000-0000-4000-8000-000000000000', type: 'logo' }, 404],
      [
        {
          event_id: world.eventId,
          sponsor_id: world.sponsor.sponsorId,
          order_id: '00000000-0000-4000-8000-000000000000',
          type: 'logo',
        },
        404,
      ],
    ] as const
    for (const [body, status] of cases) {
      const response = await api(server.url, 'POST', '/v1/deliverables', { ...as(world.organizer), body })
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(response.body.error.code).toMatch(/^[a-z-]+$/)
    }
    const bySponsor = await api(server.url, 'POST', '/v1/deliverables', {
      ...as(world.sponsor.owner),
      body: { event_id: world.eventId, sponsor_id: world.sponsor.sponsorId, type: 'logo' },
    })
    expect(bySponsor.status).toBe(403)
    expect((await server.db.query('SELECT count(*)::int AS n FROM deliverables')).rows[0]!.n).toBe(before)
  })

  it("lists the organizer's queue (pending and needs changes by due date) with filters, and the sponsor's view", async () => {
    const queue = await api(server.url, 'GET', `/v1/deliverables?event_id=${world.eventId}`, as(world.organizer))
    expect(queue.body.data.every((d: { status: string }) => ['pending', 'needs_changes'].includes(d.status))).toBe(true)
    const dues = queue.body.data.map((d: { due_at: string | null }) => d.due_at)
    expect(dues).toEqual([...dues].sort())
    const windowed = await api(
      server.url,
      'GET',
      `/v1/deliverables?status=pending&due_from=2027-03-01T00:00:00Z&due_to=2027-03-01T09:00:01Z`,
      as(world.organizer),
    )
    expect(windowed.body.data.map((d: { type: string }) => d.type)).toEqual(['booth'])
    const sponsorView = await api(
      server.url,
      'GET',
      `/v1/deliverables?sponsor_id=${world.sponsor.sponsorId}`,
      as(world.sponsor.owner),
    )
    expect(sponsorView.body.data.map((d: { status: string }) => d.status)).toContain('approved')
    expect((await api(server.url, 'GET', '/v1/deliverables?status=done', as(world.organizer))).status).toBe(400)
  })

  it('refuses a proof by its content, size or shape with a 4xx, and keeps no row and no file', async () => {
    const logo = (
      await api(server.url, 'GET', `/v1/deliverables?order_id=${world.orderId}&status=pending`, as(world.organizer))
    ).body.data.find((d: { type: string }) => d.type === 'logo_placement')
    const [files, rows] = [storedFiles(), await proofRows()]
    const script = await uploadProof(server.url, as(world.organizer), logo.id, {
      bytes: Buffer.from('#!/bin/sh\nrm -rf /\n'),
      name: 'photo.png',
      type: 'image/png',
    })
    expect(script.status).toBe(415)
    expect(script.body.error.code).toBe('unsupported-proof-type')
    const huge = await uploadProof(server.url, as(world.organizer), logo.id, {
      bytes: Buffer.concat([pngBytes, Buffer.alloc(8192)]),
      name: 'big.png',
    })
    expect(huge.status).toBe(413)
    const badMetrics = await uploadProof(
      server.url,
      as(world.organizer),
      logo.id,
      { bytes: pngBytes, name: 'a.png' },
      { impressions: Number.NaN },
    )
    expect(badMetrics.status).toBe(400)
    const nothing = await api(server.url, 'POST', `/v1/deliverables/${logo.id}/proofs`, {
      ...as(world.organizer),
      body: { metrics: { impressions: 3 } },
    })
    expect(nothing.status).toBe(400)
    const notHttp = await api(server.url, 'POST', `/v1/deliverables/${logo.id}/proofs`, {
      ...as(world.organizer),
      body: { asset_url: 'javascript:alert(1)' },
    })
    expect(notHttp.status).toBe(400)
    // No body at all (the fuzzer's find): a 400 that says what is missing, not a 500.
    const empty = await fetch(new URL(`/v1/deliverables/${logo.id}/proofs`, server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${world.organizer.access_token}`,
        'x-org-id': world.organizer.orgId,
      },
    })
    expect([empty.status, ((await empty.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'proof-missing',
    ])
    const wrongParty = await uploadProof(server.url, as(world.sponsor.owner), logo.id, {
      bytes: Buffer.concat([pngBytes, Buffer.from('x')]),
      name: 'b.png',
    })
    expect(wrongParty.status).toBe(403)
    expect([storedFiles(), await proofRows()]).toEqual([files, rows])
    // Proofs cannot be changed in the database either.
    await expect(server.db.query(`UPDATE deliverable_proofs SET note = 'edited'`)).rejects.toThrow(/immutable/)
  })

  it('serves a proof file to the parties only, as uploaded', async () => {
    const booth = (
      await api(server.url, 'GET', `/v1/deliverables?order_id=${world.orderId}&status=pending`, as(world.organizer))
    ).body.data.find((d: { type: string }) => d.type === 'booth')
    const proved = await uploadProof(server.url, as(world.organizer), booth.id, {
      bytes: pngBytes,
      name: 'booth photo.png',
    })
    const file = proved.body.proofs[0].file
    const download = await fetch(new URL(file.url, server.url), {
      headers: { authorization: `Bearer ${world.sponsor.owner.access_token}`, 'x-org-id': world.sponsor.owner.orgId },
    })
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await download.arrayBuffer()).equals(pngBytes)).toBe(true)
    const stranger = await buyer(server.url, 'Stranger')
    expect((await api(server.url, 'GET', file.url, as(stranger.owner))).status).toBe(404)
  })

  it('refuses a proposal or an order for an event whose brand-safety tags the sponsor avoids, naming the tags', async () => {
    const cautious = await buyer(server.url, 'Cautious')
    expect(
      (
        await api(server.url, 'PATCH', `/v1/sponsors/${cautious.sponsorId}/profile`, {
          ...as(cautious.owner),
          body: { activation_preferences: { avoid_tags: ['Family-Friendly'] } },
        })
      ).status,
    ).toBe(200)
    const proposal = await api(server.url, 'POST', '/v1/proposals', {
      ...as(cautious.owner),
      body: {
        event_id: world.eventId,
        sponsor_id: cautious.sponsorId,
        package_id: world.packageId,
        initial_message: { body: 'Hi', offer: { price_cents: 1000 } },
      },
    })
    expect(proposal.status).toBe(409)
    expect(proposal.body.error).toMatchObject({ code: 'brand-safety-conflict', details: { tags: ['family-friendly'] } })
    expect(proposal.body.error.message).toContain('"family-friendly"')
    const order = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(cautious.owner),
      body: {
        package_id: world.packageId,
        sponsor_id: cautious.sponsorId,
        event_id: world.eventId,
        amount_cents: 200000,
        currency: 'USD',
      },
    })
    expect(order.status).toBe(409)
    expect(order.body.error.code).toBe('brand-safety-conflict')
    expect(
      (
        await server.db.query('SELECT count(*)::int AS n FROM sponsorship_orders WHERE sponsor_id = $1', [
          cautious.sponsorId,
        ])
      ).rows[0]!.n,
    ).toBe(0)
  })

  it('releases an event_end escrow only after the event, in the sweep', async () => {
    const past = await fulfillmentWorld(server.url, {
      package: { release_condition: 'event_end' },
      eventStart: '2024-01-01T09:00:00Z',
      eventEnd: '2024-01-02T18:00:00Z',
    })
    const ended = await api(server.url, 'GET', `/v1/sponsorship-orders/${past.orderId}`, as(past.organizer))
    expect(ended.body.release_condition).toBe('event_end')
    const summary = await reconcile({ db: server.db, stripe: server.app.stripe.client, maxAttempts: 3, log: silent })
    expect(summary.ordersReleased).toBeGreaterThanOrEqual(1)
    expect(
      (await api(server.url, 'GET', `/v1/sponsorship-orders/${past.orderId}`, as(past.organizer))).body.escrow_state,
    ).toBe('released')
    const future = await commerceWorld(server.url, {
      package: {
        title: 'Later',
        tier: 'silver',
        price_cents: 5000,
        inventory: 1,
        benefits: {},
        release_condition: 'event_end',
      },
    })
    const fan = await buyer(server.url, 'Fan')
    const bought = await api(server.url, 'POST', '/v1/sponsorship-orders', {
      ...as(fan.owner),
      body: {
        package_id: future.packageId,
        sponsor_id: fan.sponsorId,
        event_id: future.eventId,
        amount_cents: 5000,
        currency: 'USD',
      },
    })
    await api(server.url, 'POST', `/v1/sponsorship-orders/${bought.body.id}:fund`, {
      ...as(fan.owner),
      body: { payment_method_id: 'pm_card_visa' },
    })
    await api(server.url, 'POST', `/v1/sponsorship-orders/${bought.body.id}:lock`, as(future.organizer))
    const early = await api(
      server.url,
      'POST',
      `/v1/sponsorship-orders/${bought.body.id}:release`,
      as(future.organizer),
    )
    expect(early.status).toBe(409)
    expect(early.body.error).toMatchObject({
      code: 'escrow-not-releasable',
      details: { release_condition: 'event_end' },
    })
  })
})
