// Sponsorship packages (seed 001 §4.1, §8): create (optionally from a template), update (versioned),
// publish (attaches the event's audience snapshot), the organizer's gallery and the public marketplace.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { PackageRecord } from '../../../shared/commerce/commerce-records'
import { organizerWriters, tenantOf } from '../../plugins/access'
import { findEvent } from '../../repositories/events-repository'
import {
  findPackage,
  insertPackage,
  listPackages,
  packageEventTitles,
  publishPackage,
  updatePackage,
  type PackageInput,
  type SponsorshipPackage,
} from '../../repositories/packages-repository'
import type { Queryable } from '../../db/database'
import { eventAudienceSnapshot } from '../../commerce/audience-snapshot'
import { generatePackageSlas } from '../../fulfillment/order-fulfillment'
import { badRequest, conflict, notFound } from '../../errors'
import { errorResponses, orgHeader } from '../schemas'
import { packageWire } from './package-wire'
import { CreatePackageBody, PackageIdParams, PackageList, PackageListQuery, PatchPackageBody } from './schemas'

type PatchBody = Static<typeof PatchPackageBody>

const date = (value: string | null | undefined) => (value ? new Date(value) : null)

/** The stored fields a request's body sets, over a base (a template, or the current package). */
function fieldsFrom(body: PatchBody, base: Partial<PackageInput>): Partial<PackageInput> {
  const fields: Partial<PackageInput> = { ...base }
  if (body.title !== undefined) fields.title = body.title
  if (body.tier !== undefined) fields.tier = body.tier
  if (body.price_cents !== undefined) fields.priceCents = body.price_cents
  if (body.currency !== undefined) fields.currency = body.currency.toUpperCase()
  if (body.inventory !== undefined) fields.inventory = body.inventory
  if (body.benefits !== undefined) fields.benefits = body.benefits
  if (body.audience_snapshot !== undefined) fields.audienceSnapshot = body.audience_snapshot
  if (body.visibility !== undefined) fields.visibility = body.visibility
  const availability = body.availability
  if (availability?.start !== undefined) fields.availableFrom = date(availability.start)
  if (availability?.end !== undefined) fields.availableUntil = date(availability.end)
  if (availability?.max_per_sponsor !== undefined) fields.maxPerSponsor = availability.max_per_sponsor
  if (availability?.exclusivity !== undefined) fields.exclusivity = availability.exclusivity
  if (body.constraints?.category_allow !== undefined) fields.categoryAllow = body.constraints.category_allow
  if (body.constraints?.sponsor_conflicts !== undefined) fields.sponsorConflicts = body.constraints.sponsor_conflicts
  if (body.cancellation_policy !== undefined) {
    fields.cancellationWindowDays = body.cancellation_policy.window_days
    fields.cancellationPenaltyPct = body.cancellation_policy.penalty_pct
  }
  if (body.release_condition !== undefined) fields.releaseCondition = body.release_condition
  if (fields.availableFrom && fields.availableUntil && fields.availableUntil <= fields.availableFrom) {
    throw badRequest('invalid-availability', 'availability.end must be after availability.start.')
  }
  return fields
}

/** Packages on the wire, each naming its event (where the caller may see the event's title). */
async function wireWithEvents(tx: Queryable, packages: SponsorshipPackage[]) {
  const titles = await packageEventTitles(
    tx,
    packages.map((p) => p.eventId),
  )
  return packages.map((p) => packageWire(p, titles.get(p.eventId) ?? null))
}

const templateBase = (t: SponsorshipPackage): Partial<PackageInput> => ({
  title: t.title,
  tier: t.tier,
  priceCents: t.priceCents,
  currency: t.currency,
  inventory: t.inventory,
  benefits: t.benefits,
  maxPerSponsor: t.maxPerSponsor,
  exclusivity: t.exclusivity,
  categoryAllow: t.categoryAllow,
  sponsorConflicts: t.sponsorConflicts,
  visibility: t.visibility,
  cancellationWindowDays: t.cancellationWindowDays,
  cancellationPenaltyPct: t.cancellationPenaltyPct,
  releaseCondition: t.releaseCondition,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/sponsorship-packages',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['commerce'],
        summary: 'Create a sponsorship package (a draft until published), optionally from a template package',
        headers: orgHeader,
        body: CreatePackageBody,
        response: { 201: PackageRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      const body = request.body
      const created = await app.db.tenantTransaction(tenant, async (tx) => {
        if (!(await findEvent(tx, tenant.orgId, body.event_id))) throw notFound('Event')
        const template = body.template_id ? await findPackage(tx, body.template_id) : null
        if (body.template_id && (!template || template.orgId !== tenant.orgId)) throw notFound('Template package')
        const fields = fieldsFrom(body, template ? templateBase(template) : {})
        const missing = (['title', 'tier', 'priceCents', 'inventory'] as const).filter(
          (key) => fields[key] === undefined,
        )
        if (missing.length) {
          const names = { title: 'title', tier: 'tier', priceCents: 'price_cents', inventory: 'inventory' }
          throw badRequest(
            'package-incomplete',
            `Send ${missing.map((key) => names[key]).join(', ')}, or a template_id to copy them from.`,
          )
        }
        const inserted = await insertPackage(
          tx,
          {
            orgId: tenant.orgId,
            eventId: body.event_id,
            templateId: template?.id ?? null,
            title: fields.title!,
            tier: fields.tier!,
            priceCents: fields.priceCents!,
            currency: fields.currency ?? 'USD',
            inventory: fields.inventory!,
            benefits: fields.benefits ?? {},
            availableFrom: fields.availableFrom ?? null,
            availableUntil: fields.availableUntil ?? null,
            maxPerSponsor: fields.maxPerSponsor ?? null,
            exclusivity: fields.exclusivity ?? false,
            audienceSnapshot: fields.audienceSnapshot ?? {},
            categoryAllow: fields.categoryAllow ?? [],
            sponsorConflicts: fields.sponsorConflicts ?? [],
            visibility: fields.visibility ?? 'public',
            releaseCondition: fields.releaseCondition ?? null,
            ...(fields.cancellationWindowDays !== undefined
              ? { cancellationWindowDays: fields.cancellationWindowDays }
              : {}),
            ...(fields.cancellationPenaltyPct !== undefined
              ? { cancellationPenaltyPct: fields.cancellationPenaltyPct }
              : {}),
          },
          tenant.userId,
        )
        return (await wireWithEvents(tx, [inserted]))[0]!
      })
      return reply.status(201).send(created)
    },
  )

  app.get(
    '/v1/sponsorship-packages',
    {
      config: { access: {} },
      schema: {
        tags: ['commerce'],
        summary:
          "An organizer's gallery of its packages (drafts included), or for anyone else the marketplace of published public packages",
        headers: orgHeader,
        querystring: PackageListQuery,
        response: { 200: PackageList, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const { event_id: eventId, visibility } = request.query
      const data = await app.db.tenantTransaction(tenant, async (tx) => {
        // Whoever owns the event sees its gallery; any other caller sees the marketplace.
        const ownsEvent = eventId
          ? (await findEvent(tx, tenant.orgId, eventId)) !== null
          : tenant.orgKind === 'organizer'
        return wireWithEvents(
          tx,
          await listPackages(tx, {
            ...(eventId ? { eventId } : {}),
            orgId: tenant.orgId,
            marketplace: !ownsEvent,
            ...(visibility ? { visibility } : {}),
          }),
        )
      })
      return { data }
    },
  )

  app.get(
    '/v1/sponsorship-packages/:id',
    {
      config: { access: {} },
      schema: {
        tags: ['commerce'],
        summary: 'A package: its owner sees any; others see published public packages',
        headers: orgHeader,
        params: PackageIdParams,
        response: { 200: PackageRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const found = await app.db.tenantTransaction(tenant, async (tx) => {
        const row = await findPackage(tx, request.params.id)
        return row ? (await wireWithEvents(tx, [row]))[0]! : null
      })
      if (!found) throw notFound('Package')
      return found
    },
  )

  app.patch(
    '/v1/sponsorship-packages/:id',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['commerce'],
        summary:
          'Update a package; a change to its terms (price, benefits, rules, cancellation policy) makes a new version (earlier offers keep theirs)',
        headers: orgHeader,
        params: PackageIdParams,
        body: PatchPackageBody,
        response: { 200: PackageRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const updated = await app.db.tenantTransaction(tenant, async (tx) => {
        const current = await findPackage(tx, request.params.id, { forUpdate: true })
        if (!current || current.orgId !== tenant.orgId) throw notFound('Package')
        const changes = fieldsFrom(request.body, {})
        if (changes.inventory !== undefined && changes.inventory < current.sold) {
          throw conflict(
            'inventory-below-sold',
            `${current.sold} units are already sold; inventory cannot go below that.`,
          )
        }
        const merged = { ...current, ...changes }
        if (merged.availableFrom && merged.availableUntil && merged.availableUntil <= merged.availableFrom) {
          throw badRequest('invalid-availability', 'availability.end must be after availability.start.')
        }
        const saved = await updatePackage(tx, current.id, tenant.orgId, changes)
        return saved ? (await wireWithEvents(tx, [saved]))[0]! : null
      })
      if (!updated) throw notFound('Package')
      return updated
    },
  )

  app.post(
    '/v1/sponsorship-packages/:id(^[0-9a-fA-F-]+)::publish',
    {
      config: { access: organizerWriters },
      schema: {
        tags: ['commerce'],
        summary: "Publish a package: it goes on sale with the event's current audience snapshot",
        headers: orgHeader,
        params: PackageIdParams,
        response: { 200: PackageRecord, ...errorResponses },
      },
    },
    async (request) => {
      const tenant = tenantOf(request)
      const published = await app.db.tenantTransaction(tenant, async (tx) => {
        const current = await findPackage(tx, request.params.id, { forUpdate: true })
        if (!current || current.orgId !== tenant.orgId) throw notFound('Package')
        const saved = await publishPackage(
          tx,
          current.id,
          tenant.orgId,
          await eventAudienceSnapshot(tx, current.eventId),
        )
        if (saved) await generatePackageSlas(tx, saved)
        return saved ? (await wireWithEvents(tx, [saved]))[0]! : null
      })
      if (!published) throw notFound('Package')
      return published
    },
  )
}

export default routes
