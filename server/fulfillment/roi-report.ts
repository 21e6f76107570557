// The ROI report (seed 001 §4.5): the seed's JSON exactly — order_id, event_title, sponsor_name, period,
// investment_cents, performance {impressions, conversions, conversion_value_cents, roi_multiplier}, deliverables
// [{type, spec, actual_metrics}], generated_at — and what only this product knows: booth leads (total, hot, warm,
// cold; per representative for the sponsor itself), cost per lead and per hot lead, SLA outcomes, and the
// audience segments consent allows (seed 001 §12). Both parties of the order may read it.
import type { Queryable } from '../db/database'
import type { RoiReport } from '../../shared/commerce/fulfillment-records'
import type { Side } from '../../shared/commerce/commerce-records'
import { notFound } from '../errors'
import { findOrder } from '../repositories/orders-repository'
import { listSlas } from '../repositories/slas-repository'
import { boothLeads, conversionsIn, deliverableMetrics, impressionsIn } from '../repositories/roi-repository'
import { consentedSegments } from '../intelligence/audience-consent'

export interface RoiRequest {
  orderId: string
  from?: string | undefined
  to?: string | undefined
  utmSource?: string | undefined
}

/** A date (YYYY-MM-DD, from midnight UTC) or a date-time; `to` as a date includes that whole day. */
export function windowEdge(value: string, isEnd: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (isEnd ? 86_400_000 : 0))
  return new Date(value)
}

const perUnit = (cents: number, units: number) => (units > 0 ? Math.round(cents / units) : null)

export async function roiReport(
  db: Queryable,
  caller: { orgId: string; side: Side },
  request: RoiRequest,
  now = new Date(),
): Promise<RoiReport> {
  const order = await findOrder(db, request.orderId, { partyOrgId: caller.orgId })
  if (!order) throw notFound('Order')
  const { rows } = await db.query<{ title: string }>(`SELECT title FROM events WHERE id = $1`, [order.eventId])
  const fromText = request.from ?? order.createdAt.toISOString()
  const toText = request.to ?? now.toISOString()
  const window = { from: windowEdge(fromText, false), to: windowEdge(toText, true) }
  const utmSource = request.utmSource ?? null
  const [impressions, conversions, deliverables, tallies, slas, audience] = [
    await impressionsIn(db, order.eventId, window),
    await conversionsIn(db, { eventId: order.eventId, sponsorId: order.sponsorId, utmSource, ...window }),
    await deliverableMetrics(db, order.id),
    await boothLeads(db, { eventId: order.eventId, sponsorId: order.sponsorId, ...window }),
    await listSlas(db, { orderId: order.id }),
    await consentedSegments(db, order.eventId, 'aggregated'),
  ]
  const leads = tallies.reduce(
    (t, r) => ({ total: t.total + r.total, hot: t.hot + r.hot, warm: t.warm + r.warm, cold: t.cold + r.cold }),
    { total: 0, hot: 0, warm: 0, cold: 0 },
  )
  return {
    order_id: order.id,
    event_title: rows[0]!.title,
    sponsor_name: order.sponsorName,
    period: { from: fromText, to: toText },
    investment_cents: order.amountCents,
    performance: {
      impressions,
      conversions: conversions.count,
      conversion_value_cents: conversions.valueCents,
      roi_multiplier: Math.round((conversions.valueCents / order.amountCents) * 10_000) / 10_000,
    },
    deliverables,
    generated_at: now.toISOString(),
    currency: order.currency,
    utm_source: utmSource,
    booth_leads: {
      ...leads,
      // Representatives are the sponsor's staff: the organizer sees the totals only.
      by_representative:
        caller.side === 'sponsor'
          ? tallies.map((t) => ({
              user_id: t.userId,
              name: t.name,
              total: t.total,
              hot: t.hot,
              warm: t.warm,
              cold: t.cold,
            }))
          : [],
    },
    cost_per_lead_cents: perUnit(order.amountCents, leads.total),
    cost_per_hot_lead_cents: perUnit(order.amountCents, leads.hot),
    sla_outcomes: slas.map((s) => ({
      metric: s.metric,
      target: s.target,
      actual: s.actual,
      status: s.status,
      remedy: s.breachPolicy.remedy ?? null,
      remedy_status: s.remedyStatus,
      remedy_cents: s.remedyCents,
    })),
    audience,
  }
}
