// What each package benefit obliges, as deliverables of the order that bought it: who proves it, when it is
// due, and its spec. Benefits with no obligation to prove (lead_capture) make none; false or 0 makes none.
import type { Side } from '../../shared/commerce/commerce-records'

type Due = 'before_start' | 'at_start' | 'at_end'

interface BenefitObligation {
  type: string
  responsible: Side
  due: Due
  spec: (value: unknown) => Record<string, unknown>
}

const valueAs = (key: string) => (value: unknown) => (value === true ? {} : { [key]: value })

/** Benefit name → the deliverable it makes. Sponsors supply branding assets; organizers prove placements and slots. */
export const benefitObligations: Record<string, BenefitObligation> = {
  logo_stage: {
    type: 'logo_placement',
    responsible: 'organizer',
    due: 'at_end',
    spec: () => ({ placement: 'main_stage' }),
  },
  logo_placement: {
    type: 'logo_placement',
    responsible: 'organizer',
    due: 'at_end',
    spec: (v) => ({ placement: typeof v === 'string' ? v : 'main_stage' }),
  },
  booth: { type: 'booth', responsible: 'organizer', due: 'at_start', spec: valueAs('size') },
  speaking_slot: { type: 'speaking_slot', responsible: 'organizer', due: 'at_end', spec: valueAs('length') },
  social_posts: { type: 'social_posts', responsible: 'organizer', due: 'at_end', spec: valueAs('count') },
  newsletter_mention: { type: 'newsletter_mention', responsible: 'organizer', due: 'at_end', spec: valueAs('count') },
  stage_branding: {
    type: 'stage_branding',
    responsible: 'sponsor',
    due: 'before_start',
    spec: valueAs('asset_format'),
  },
  sponsor_assets: {
    type: 'stage_branding',
    responsible: 'sponsor',
    due: 'before_start',
    spec: valueAs('asset_format'),
  },
}

/** Days before the event that a sponsor's assets are due, so the organizer can produce them. */
export const assetLeadDays = 14

export interface PlannedDeliverable {
  benefitKey: string
  type: string
  responsibleSide: Side
  spec: Record<string, unknown>
  dueAt: Date
}

const isGranted = (value: unknown) => value !== false && value !== null && value !== 0 && value !== ''

/** The deliverables an order's benefits oblige, for an event running from start to end. */
export function deliverablesForBenefits(
  benefits: Record<string, unknown>,
  event: { startAt: Date; endAt: Date },
): PlannedDeliverable[] {
  return Object.entries(benefits).flatMap(([key, value]) => {
    const obligation = benefitObligations[key]
    if (!obligation || !isGranted(value)) return []
    const dueAt =
      obligation.due === 'at_end'
        ? event.endAt
        : obligation.due === 'at_start'
          ? event.startAt
          : new Date(event.startAt.getTime() - assetLeadDays * 86_400_000)
    return [
      {
        benefitKey: key,
        type: obligation.type,
        responsibleSide: obligation.responsible,
        spec: { ...obligation.spec(value), benefit: key },
        dueAt,
      },
    ]
  })
}

/** Who proves a deliverable of this type unless told otherwise. */
export const defaultResponsibleSide = (type: string): Side =>
  Object.values(benefitObligations).find((o) => o.type === type)?.responsible ?? 'organizer'
