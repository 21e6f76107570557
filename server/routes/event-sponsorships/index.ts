// Seed 001 §20.1: POST /v1/event-sponsorships upserts a sponsor's sponsorship of an event at a tier
// (amount, benefits, activation status). A sponsor holds one tier per event: moving it to another
// tier is a re-tier (PATCH …/sponsors/{sponsor_id}), not a second sponsorship.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Queryable } from '../../db/database'
import { organizerWriters, organizerReaders, tenantOf } from '../../plugins/access'
import { AppError, conflict, notFound } from '../../errors'
import { findEvent } from '../../repositories/events-repository'
import { findBuyer } from '../../commerce/package-sale'
import { errorResponses, IdParams, orgHeader } from '../schemas'

const ActivationStatus = Type.Union([Type.Literal('draft'), Type.Literal('in_progress'), Type.Literal('complete')])
const UpsertBody = Type.Object(
  {
    event_id: Type.String({ format: 'uuid' }),
    sponsor_id: Type.String({ format: 'uuid' }),
    tier: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "A sponsor tier of the event, by name (e.g. 'Gold') or id",
    }),
    amount_cents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_000 })),
    benefits: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown())),
    activation_status: Type.Optional(ActivationStatus),
  },
  { additionalProperties: false },
)
const SponsorshipRecord = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  event_id: Type.String(),
  sponsor_id: Type.String(),
  tier_id: Type.String(),
  tier: Type.String(),
  amount_cents: Type.Union([Type.Integer(), Type.Null()]),
  benefits: Type.Record(Type.String(), Type.Unknown()),
  activation_status: ActivationStatus,
  created_at: Type.String(),
  updated_at: Type.String(),
})

type Row = {
  id: string
  org_id: string
  event_id: string
  sponsor_id: string
  tier_id: string
  tier: string
  amount_cents: string | null
  benefits: Record<string, unknown>
  activation_status: 'draft' | 'in_progress' | 'complete'
  created_at: Date
  updated_at: Date
}
const wire = (r: Row) => ({
  ...r,
  amount_cents: r.amount_cents === null ? null : Number(r.amount_cents),
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
})
const select = `SELECT es.id, es.org_id, es.event_id, es.sponsor_id, es.tier_id, t.name AS tier, es.amount_cents, es.benefits, es.activation_status, es.created_at, es.updated_at
  FROM event_sponsorships es JOIN sponsor_tiers t ON t.id = es.tier_id`

async function findTier(tx: Queryable, eventId: string, tier: string) {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM sponsor_tiers WHERE event_id = $1 AND (lower(name) = lower($2) OR id::text = $2)`,
    [eventId, tier],
  )
  return rows[0] ?? null
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/event-sponsorships',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['commerce'],
        summary: "Create or update a sponsor's sponsorship of an event at a tier (upsert on event, sponsor, tier)",
        headers: orgHeader,
        body: UpsertBody,
        response: { 200: SponsorshipRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const body = request.body
      // The sponsor company belongs to another organization: found outside the tenant's row-level security.
      const sponsor = await findBuyer(app.db, body.sponsor_id)
      if (!sponsor) throw notFound('Sponsor')
      const row = await app.db.tenantTransaction(tenant, async (tx) => {
        if (!(await findEvent(tx, tenant.orgId, body.event_id))) throw notFound('Event')
        const tier = await findTier(tx, body.event_id, body.tier)
        if (!tier)
          throw new AppError(
            422,
            'unknown-tier',
            `"${body.tier}" is not a sponsor tier of this event; list them at /v1/organizations/{org_id}/events/{event_id}/sponsor-tiers.`,
          )
        const { rows: existing } = await tx.query<{ tier_id: string }>(
          `SELECT tier_id FROM event_sponsorships WHERE event_id = $1 AND sponsor_id = $2 FOR UPDATE`,
          [body.event_id, body.sponsor_id],
        )
        if (existing[0] && existing[0].tier_id !== tier.id) {
          throw conflict(
            'sponsorship-tier-conflict',
            'This sponsor already sponsors the event at another tier; re-tier it with PATCH /v1/organizations/{org_id}/sponsors/{sponsor_id}.',
          )
        }
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO event_sponsorships (org_id, event_id, sponsor_id, sponsor_org_id, tier_id, amount_cents, benefits, activation_status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (event_id, sponsor_id) DO UPDATE SET amount_cents = coalesce($6, event_sponsorships.amount_cents),
           benefits = CASE WHEN $9 THEN EXCLUDED.benefits ELSE event_sponsorships.benefits END,
           activation_status = coalesce($10, event_sponsorships.activation_status), updated_at = now()
         RETURNING id`,
          [
            tenant.orgId,
            body.event_id,
            body.sponsor_id,
            sponsor.orgId,
            tier.id,
            body.amount_cents ?? null,
            JSON.stringify(body.benefits ?? {}),
            body.activation_status ?? 'draft',
            body.benefits !== undefined,
            body.activation_status ?? null,
          ],
        )
        return (await tx.query<Row>(`${select} WHERE es.id = $1`, [rows[0]!.id])).rows[0]!
      })
      return wire(row)
    },
  )

  app.get(
    '/v1/event-sponsorships/:id',
    {
      config: { access: organizerReaders },
      schema: {
        tags: ['commerce'],
        summary: 'An event sponsorship',
        headers: orgHeader,
        params: IdParams,
        response: { 200: SponsorshipRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const row = await app.db.tenantTransaction(
        tenant,
        async (tx) =>
          (await tx.query<Row>(`${select} WHERE es.id = $1 AND es.org_id = $2`, [request.params.id, tenant.orgId]))
            .rows[0],
      )
      if (!row) throw notFound('Event sponsorship')
      return wire(row)
    },
  )
}

export default routes
