// A sponsor company's own profile, kept by its people with `sponsor:profile:write`: name, contact,
// website, description and category (what packages' allow-lists and exclusivity test). A category change
// that would break a rule of a package the sponsor holds is refused (409 category-locked).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { tenantOf } from '../../plugins/access'
import { notFound } from '../../errors'
import { updateProfileWithCategory } from '../../commerce/category-change'
import {
  findSponsor,
  updateSponsorProfile,
  type Sponsor,
  type SponsorProfile,
} from '../../repositories/sponsors-repository'
import { errorResponses, Nullable, orgHeader } from '../schemas'
import {
  findTargeting,
  targetingOf,
  TargetingPatch,
  TargetingRecord,
  upsertTargeting,
  type Targeting,
} from '../../intelligence/sponsor-targeting'

const Params = Type.Object({ sponsor_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const PatchProfileBody = Type.Object(
  {
    company_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    contact_email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    website: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 500 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    category: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    logo_url: Type.Optional(Nullable(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }))),
    // Seed 003's targeting (matching): written to sponsor_profiles, which queues the sponsor's rescoring.
    ...TargetingPatch,
  },
  { additionalProperties: false, minProperties: 1 },
)
const ProfileRecord = Type.Object({
  id: Type.String(),
  org_id: Type.String(),
  company_name: Type.String(),
  contact_email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  logo_url: Nullable(Type.String()),
  updated_at: Type.String(),
  ...TargetingRecord.properties,
})

const wire = (s: Sponsor, targeting: Targeting) => ({
  id: s.id,
  org_id: s.orgId,
  company_name: s.companyName,
  contact_email: s.contactEmail,
  website: s.website,
  description: s.description,
  category: s.category,
  logo_url: s.logoUrl,
  updated_at: new Date(s.updatedAt).toISOString(),
  ...targeting,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const path = '/v1/sponsors/:sponsor_id/profile'

  app.get(
    path,
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:leads:read' } },
      schema: {
        tags: ['sponsors'],
        summary: "The sponsor company's profile",
        headers: orgHeader,
        params: Params,
        response: { 200: ProfileRecord, ...errorResponses },
      },
    },
    async (request) => {
      const found = await app.db.tenantTransaction(tenantOf(request), async (tx) => {
        const sponsor = await findSponsor(tx, request.params.sponsor_id)
        return sponsor && { sponsor, targeting: await findTargeting(tx, sponsor.id) }
      })
      if (!found) throw notFound('Sponsor')
      return wire(found.sponsor, found.targeting)
    },
  )

  app.patch(
    path,
    {
      config: { access: { kinds: ['sponsor'], sponsorPermission: 'sponsor:profile:write' } },
      schema: {
        tags: ['sponsors'],
        summary: "Update the sponsor company's own profile, including its category",
        description:
          'A new category is refused (409 category-locked, naming the package) while the sponsor holds an exclusive package sold on its current category, a package whose allow-list or conflicts the new one fails, or a package at an event where another sponsor holds an exclusive one in the new category.',
        headers: orgHeader,
        params: Params,
        body: PatchProfileBody,
        response: { 200: ProfileRecord, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body
      const patch: Partial<SponsorProfile> = {
        companyName: body.company_name,
        contactEmail: body.contact_email,
        website: body.website,
        description: body.description,
        category: body.category,
        logoUrl: body.logo_url,
      }
      const tenant = tenantOf(request)
      const sponsorId = request.params.sponsor_id
      const targetingInput = targetingOf(body)
      const hasSponsorFields = Object.values(patch).some((v) => v !== undefined)
      // The category check reads the organizers' packages the sponsor holds (private ones too), beyond what the
      // sponsor's tenant may see: it runs as the server, scoped to the sponsor by X-Org-Id explicitly.
      const updated =
        body.category === undefined
          ? await app.db.tenantTransaction(tenant, async (tx) => {
              const sponsor = hasSponsorFields
                ? await updateSponsorProfile(tx, sponsorId, patch)
                : await findSponsor(tx, sponsorId)
              return (
                sponsor && {
                  sponsor,
                  targeting: targetingInput
                    ? await upsertTargeting(tx, sponsorId, sponsor.orgId, targetingInput)
                    : await findTargeting(tx, sponsorId),
                }
              )
            })
          : await app.db.transaction(async (tx) => {
              const sponsor = await updateProfileWithCategory(tx, tenant.orgId, sponsorId, patch)
              return (
                sponsor && {
                  sponsor,
                  targeting: targetingInput
                    ? await upsertTargeting(tx, sponsorId, sponsor.orgId, targetingInput)
                    : await findTargeting(tx, sponsorId),
                }
              )
            })
      if (!updated) throw notFound('Sponsor')
      return wire(updated.sponsor, updated.targeting)
    },
  )
}

export default routes
