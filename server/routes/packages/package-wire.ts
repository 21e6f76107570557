// Maps a package to its wire shape; `eventTitle` names its event where the caller may see it.
import type { PackageRecord } from '../../../shared/commerce/commerce-records'
import type { SponsorshipPackage } from '../../repositories/packages-repository'

export const packageWire = (p: SponsorshipPackage, eventTitle: string | null = null): PackageRecord => ({
  id: p.id,
  org_id: p.orgId,
  event_id: p.eventId,
  event_title: eventTitle,
  template_id: p.templateId,
  title: p.title,
  tier: p.tier,
  price_cents: p.priceCents,
  currency: p.currency,
  inventory: p.inventory,
  sold: p.sold,
  available: p.inventory - p.sold,
  benefits: p.benefits,
  availability: {
    start: p.availableFrom?.toISOString() ?? null,
    end: p.availableUntil?.toISOString() ?? null,
    max_per_sponsor: p.maxPerSponsor,
    exclusivity: p.exclusivity,
  },
  audience_snapshot: p.audienceSnapshot,
  constraints: { category_allow: p.categoryAllow, sponsor_conflicts: p.sponsorConflicts },
  visibility: p.visibility,
  cancellation_policy: { window_days: p.cancellationWindowDays, penalty_pct: p.cancellationPenaltyPct },
  release_condition: p.releaseCondition,
  is_active: p.isActive,
  version: p.version,
  published_at: p.publishedAt?.toISOString() ?? null,
  quality_score: p.qualityScore,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
})
