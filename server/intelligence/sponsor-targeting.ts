// Seed 003's targeting fields of a sponsor profile (sponsor_profiles), read and written with the profile.
// reputation_score is the platform's, never the sponsor's: it is read here, not written.
import { Type, type Static } from 'typebox'
import type { Queryable } from '../db/database'
import { Nullable } from '../routes/schemas'

const Words = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: max })

export const TargetingPatch = {
  industry: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
  company_size: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
  annual_budget_cents: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000_000_000 }))),
  brand_objectives: Type.Optional(
    Type.Object({ keywords: Words(50), goals: Words(50) }, { additionalProperties: false }),
  ),
  target_audience: Type.Optional(
    Type.Object({ age_buckets: Words(20), interests: Words(50) }, { additionalProperties: false }),
  ),
  preferred_categories: Type.Optional(Words(50)),
  regions: Type.Optional(
    Type.Array(Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z0-9-]+$' }), { maxItems: 100 }),
  ),
  activation_preferences: Type.Optional(
    Type.Object({ avoid_tags: Type.Optional(Words(50)) }, { additionalProperties: false }),
  ),
}
const targetingKeys = Object.keys(TargetingPatch) as (keyof typeof TargetingPatch)[]

export const TargetingRecord = Type.Object({
  industry: Nullable(Type.String()),
  company_size: Nullable(Type.String()),
  annual_budget_cents: Nullable(Type.Integer()),
  brand_objectives: Type.Object({ keywords: Type.Array(Type.String()), goals: Type.Array(Type.String()) }),
  target_audience: Type.Object({ age_buckets: Type.Array(Type.String()), interests: Type.Array(Type.String()) }),
  preferred_categories: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  activation_preferences: Type.Object({ avoid_tags: Type.Optional(Type.Array(Type.String())) }),
  reputation_score: Nullable(Type.Number()),
})
export type Targeting = Static<typeof TargetingRecord>
export type TargetingInput = Partial<Omit<Targeting, 'reputation_score'>>

const noTargeting: Targeting = {
  industry: null,
  company_size: null,
  annual_budget_cents: null,
  brand_objectives: { keywords: [], goals: [] },
  target_audience: { age_buckets: [], interests: [] },
  preferred_categories: [],
  regions: [],
  activation_preferences: {},
  reputation_score: null,
}

/** The targeting fields a request body sets, or null when it sets none. */
export function targetingOf(body: Record<string, unknown>): TargetingInput | null {
  const picked = Object.fromEntries(targetingKeys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]))
  return Object.keys(picked).length ? (picked as TargetingInput) : null
}

const columns = `industry, company_size, annual_budget_cents::float8 AS annual_budget_cents, brand_objectives, target_audience, preferred_categories,
  regions, activation_preferences, reputation_score::float8 AS reputation_score`

export async function findTargeting(db: Queryable, sponsorId: string): Promise<Targeting> {
  const { rows } = await db.query<Targeting>(`SELECT ${columns} FROM sponsor_profiles WHERE sponsor_id = $1`, [
    sponsorId,
  ])
  return rows[0] ?? noTargeting
}

/** Creates or updates the sponsor's targeting (its triggers queue the sponsor's rescoring). Regions are kept upper-case. */
export async function upsertTargeting(
  db: Queryable,
  sponsorId: string,
  orgId: string,
  input: TargetingInput,
): Promise<Targeting> {
  const next = { ...(await findTargeting(db, sponsorId)), ...input }
  const { rows } = await db.query<Targeting>(
    `INSERT INTO sponsor_profiles (sponsor_id, org_id, industry, company_size, annual_budget_cents, brand_objectives, target_audience, preferred_categories, regions, activation_preferences)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (sponsor_id) DO UPDATE SET industry = EXCLUDED.industry, company_size = EXCLUDED.company_size,
       annual_budget_cents = EXCLUDED.annual_budget_cents, brand_objectives = EXCLUDED.brand_objectives, target_audience = EXCLUDED.target_audience,
       preferred_categories = EXCLUDED.preferred_categories, regions = EXCLUDED.regions, activation_preferences = EXCLUDED.activation_preferences, updated_at = now()
     RETURNING ${columns}`,
    [
      sponsorId,
      orgId,
      next.industry,
      next.company_size,
      next.annual_budget_cents,
      JSON.stringify(next.brand_objectives),
      JSON.stringify(next.target_audience),
      next.preferred_categories,
      next.regions.map((r) => r.toUpperCase()),
      JSON.stringify(next.activation_preferences),
    ],
  )
  return rows[0]!
}
