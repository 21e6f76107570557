// The trust half of the marketplace, end to end: a package with benefits → order → deliverables → proofs → needs
// changes → approve → escrow released → payout; then a breached SLA → refund through the local Stripe server (the
// transfer's share reversed) → ledger balanced, once however often the job runs; and a tampered proof detected.
import { readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { api } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { as, eventually } from '../../support/commerce-fixtures'
import { fulfillmentWorld, pngBytes, uploadProof } from '../../support/fulfillment-fixtures'
import { checkLedger } from '../../../server/commerce/ledger-check'
import { checkSlaCompliance } from '../../../server/fulfillment/sla-compliance'
import { LocalProofStorage } from '../../../server/fulfillment/proof-storage'

const silent = { info() {}, warn() {}, error() {} }

describeBackends('fulfillment flow on %s', (backend) => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ backend, jobs: true })
  })
  afterAll(() => server.close())

  it('proves, reviews, releases on the last approval, pays out, refunds a breached SLA once and detects a tampered proof', async () => {
    const url = server.url
    const world = await fulfillmentWorld(url)
    const { organizer, sponsor, orderId } = world
    const stripe = server.app.stripe.client

    // The order's benefits became its deliverables; the organizer's queue lists them by due date.
    const queue = await api(url, 'GET', `/v1/deliverables?order_id=${orderId}`, as(organizer))
    expect(queue.status).toBe(200)
    expect(
      queue.body.data.map((d: { type: string; status: string; responsible_side: string }) => [
        d.type,
        d.status,
        d.responsible_side,
      ]),
    ).toEqual([
      ['booth', 'pending', 'organizer'],
      ['logo_placement', 'pending', 'organizer'],
    ])
    const booth = queue.body.data[0]
    const logo = queue.body.data[1]
    const order = (await api(url, 'GET', `/v1/sponsorship-orders/${orderId}`, as(organizer))).body
    expect(order.release_condition).toBe('deliverables_approved')

    // The organizer proves the logo with a file and metrics; the sponsor sends it back with a reason.
    const first = await uploadProof(
      url,
      as(organizer),
      logo.id,
      { bytes: pngBytes, name: 'stage.png' },
      { impressions: 900, clicks: 40 },
    )
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({ status: 'submitted', proof_count: 1 })
    expect(first.body.proofs[0].file).toMatchObject({ content_type: 'image/png', size: pngBytes.length })
    const sentBack = await api(url, 'POST', `/v1/deliverables/${logo.id}:needs_changes`, {
      ...as(sponsor.owner),
      body: { reason: 'Logo placement is not visible enough' },
    })
    expect(sentBack.status).toBe(200)
    expect(sentBack.body).toMatchObject({
      status: 'needs_changes',
      last_reason: 'Logo placement is not visible enough',
      allowed_actions: ['waive'],
    })
    const approveTooEarly = await api(url, 'POST', `/v1/deliverables/${logo.id}:approve`, as(sponsor.owner))
    expect(approveTooEarly.status).toBe(409)
    expect(approveTooEarly.body.error).toMatchObject({ code: 'invalid-transition', details: { allowed: ['waive'] } })
    const second = await api(url, 'POST', `/v1/deliverables/${logo.id}/proofs`, {
      ...as(organizer),
      body: {
        asset_url: 'https://cdn.example.com/proof-2.jpg',
        metrics: { impressions: 1500, engagement_rate: 0.042, clicks: 1050 },
      },
    })
    expect(second.status).toBe(201)
    expect(second.body.proofs[1].prev_hash).toBe(second.body.proofs[0].hash)
    expect((await api(url, 'POST', `/v1/deliverables/${logo.id}:approve`, as(sponsor.owner))).body.status).toBe(
      'approved',
    )

    // Releasing before every deliverable is approved is refused, naming what is outstanding.
    expect((await api(url, 'POST', `/v1/sponsorship-orders/${orderId}:lock`, as(organizer))).status).toBe(200)
    const early = await api(url, 'POST', `/v1/sponsorship-orders/${orderId}:release`, as(organizer))
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('escrow-not-releasable')
    expect(early.body.error.message).toContain('Booth (to prove)')
    expect(early.body.error.details.outstanding).toEqual([
      expect.objectContaining({ deliverable_id: booth.id, type: 'booth', status: 'pending' }),
    ])

    // The last approval releases the escrow; the payout worker makes the transfer.
    expect(
      (
        await api(url, 'POST', `/v1/deliverables/${booth.id}/proofs`, {
          ...as(organizer),
          body: { asset_url: 'https://cdn.example.com/booth.jpg' },
        })
      ).status,
    ).toBe(201)
    expect((await api(url, 'POST', `/v1/deliverables/${booth.id}:approve`, as(sponsor.owner))).status).toBe(200)
    const paid = await eventually(
      async () => (await api(url, 'GET', `/v1/sponsorship-orders/${orderId}`, as(organizer))).body,
      (o) => o.payout?.status === 'completed',
    )
    expect(paid).toMatchObject({ escrow_state: 'released', payout_status: 'paid' })
    expect(paid.payout.stripe_transfer_id).toMatch(/^tr_/)

    // The sponsorship's activation followed, and the outbox has the events, in the same transactions.
    const activation = await server.db.query(
      'SELECT activation_status FROM event_sponsorships WHERE event_id = $1 AND sponsor_id = $2',
      [world.eventId, sponsor.sponsorId],
    )
    expect(activation.rows[0]!.activation_status).toBe('complete')
    const events = await server.db.query(
      `SELECT type, data FROM domain_events WHERE data->>'order_id' = $1 OR data->>'sponsor_id' = $2 ORDER BY pending_id`,
      [orderId, sponsor.sponsorId],
    )
    const types = events.rows.map((r) => r.type)
    for (const type of [
      'deliverable.submitted',
      'deliverable.needs_changes',
      'deliverable.approved',
      'event_sponsorship.updated',
      'order.released',
      'payout.completed',
    ])
      expect(types).toContain(type)
    expect(
      events.rows.find((r) => r.type === 'event_sponsorship.updated' && r.data.activation_status === 'complete'),
    ).toBeDefined()

    // The responsible side (here the organizer) is emailed when its work is reviewed; the reviewer when a proof arrives.
    const outbox = join(server.config.dataDir, 'outbox')
    await eventually(
      async () =>
        readdirSync(outbox)
          .map((f) => readFileSync(join(outbox, f), 'utf8'))
          .join('\n'),
      (mail) =>
        mail.includes('Deliverable logo_placement needs changes') && mail.includes('Deliverable booth was approved'),
    )

    // The impressions SLA was met by the proofs' metrics (1,500 of the expected 1,200); nobody staffed the booth.
    const slas = (await api(url, 'GET', `/v1/deliverables/${logo.id}`, as(sponsor.owner))).body.slas
    expect(slas.map((s: { metric: string; status: string }) => [s.metric, s.status])).toEqual([
      ['booth_hours', 'pending'],
      ['impressions_total', 'met'],
    ])

    // After the event and its grace period, the nightly job breaches booth hours: 50.00 refunded, the transfer's share reversed.
    const deps = { db: server.db, stripe, log: silent }
    const afterEvent = new Date(Date.parse('2027-03-02T18:00:00Z') + 8 * 86_400_000)
    const run = await checkSlaCompliance(deps, afterEvent)
    expect(run).toMatchObject({ breached: 1, refunds: 1 })
    const rerun = await checkSlaCompliance(deps, afterEvent)
    expect(rerun).toMatchObject({ breached: 0, refunds: 0 })
    const refunded = (await api(url, 'GET', `/v1/sponsorship-orders/${orderId}`, as(sponsor.owner))).body
    expect(refunded.refunded_cents).toBe(5000)
    expect(refunded.payout.reversed_cents).toBeGreaterThan(0)
    const stripeRefunds = await stripe.refunds.list({ payment_intent: refunded.stripe_payment_intent_id })
    expect(stripeRefunds.data.map((r) => r.amount)).toEqual([5000])
    expect(await checkLedger(server.db, stripe)).toMatchObject({ isBalanced: true })
    const breach = await server.db.query(
      `SELECT status, remedy_status, remedy_cents FROM sponsorship_slas WHERE order_id = $1 AND metric = 'booth_hours'`,
      [orderId],
    )
    expect(breach.rows[0]!).toMatchObject({ status: 'breached', remedy_status: 'applied' })
    expect(Number(breach.rows[0]!.remedy_cents)).toBe(5000)

    // A proof file altered on disk is detected; so is an altered proof record.
    const intact = await api(url, 'GET', `/v1/deliverables/${logo.id}/verification`, as(sponsor.owner))
    expect(intact.body).toMatchObject({ is_intact: true })
    const path = (server.app.proofStorage as LocalProofStorage).pathOf(first.body.proofs[0].file.sha256)
    chmodSync(path, 0o600)
    writeFileSync(path, Buffer.concat([pngBytes, Buffer.from('tampered')]))
    const tampered = await api(url, 'GET', `/v1/deliverables/${logo.id}/verification`, as(organizer))
    expect(tampered.body.is_intact).toBe(false)
    expect(tampered.body.proofs[0].problems).toEqual([expect.stringContaining('file was altered')])
    expect(tampered.body.proofs[1].problems).toEqual([])
    await server.db.query('ALTER TABLE deliverable_proofs DISABLE TRIGGER deliverable_proofs_immutable')
    await server.db.query(`UPDATE deliverable_proofs SET metrics = '{"impressions": 99999}' WHERE id = $1`, [
      second.body.proofs[1].id,
    ])
    await server.db.query('ALTER TABLE deliverable_proofs ENABLE TRIGGER deliverable_proofs_immutable')
    const rewritten = await api(url, 'GET', `/v1/deliverables/${logo.id}/verification`, as(organizer))
    expect(rewritten.body.proofs[1].problems).toEqual([expect.stringContaining('record was altered')])
  }, 120_000)
})
