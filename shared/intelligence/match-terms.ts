// The words of matching (seed 003), defined once: the five parts of a match score with their weights, the
// funnel steps a person records on a match, feedback reasons, and the audience metrics the stats pipeline writes.
import type { Vocabulary } from '../vocabulary'

export const matchActions = ['viewed', 'contacted', 'accepted', 'rejected'] as const
export type MatchAction = (typeof matchActions)[number]

export const feedbackReasons = [
  'budget',
  'audience',
  'geography',
  'engagement',
  'objectives',
  'brand_safety',
  'other',
] as const
export type FeedbackReason = (typeof feedbackReasons)[number]

/** The five parts of seed 003's score, in the formula's order, with the weight each carries. */
export const matchParts = [
  'budget_fit',
  'audience_overlap',
  'geo_fit',
  'engagement_quality',
  'objectives_similarity',
] as const
export type MatchPart = (typeof matchParts)[number]
export const matchPartWeights = {
  budget_fit: 0.25,
  audience_overlap: 0.35,
  geo_fit: 0.15,
  engagement_quality: 0.15,
  objectives_similarity: 0.1,
} as const satisfies Record<MatchPart, number>

const t = (label: string, hint: string) => ({ label, tone: 'neutral' as const, hint })

export const matchPartTerms = {
  budget_fit: t('Budget fit', 'How well the sponsor’s yearly sponsorship budget covers an event like this'),
  audience_overlap: t(
    'Audience overlap',
    'How far the event’s categories and audience places match what the sponsor is looking for',
  ),
  geo_fit: t('Where the audience is', 'The share of the event’s audience in the sponsor’s regions'),
  engagement_quality: t('Audience engagement', 'How engaged the event’s audience is and how often tickets sell'),
  objectives_similarity: t('Shared goals', 'How close the event’s words are to the sponsor’s goals and keywords'),
} as const satisfies Vocabulary<MatchPart>

export const matchActionTerms = {
  viewed: t('Mark as seen', 'Note that you have looked at this match'),
  contacted: t('Mark as contacted', 'Note that you have been in touch about this match'),
  accepted: t('Good fit', 'Keep this match: it fits'),
  rejected: t('Not a fit', 'Set this match aside'),
} as const satisfies Vocabulary<MatchAction>

export const matchStatusTerms = {
  pending: { label: 'New', tone: 'info' },
  suggested: { label: 'Suggested', tone: 'info' },
  accepted: { label: 'Good fit', tone: 'positive' },
  rejected: { label: 'Not a fit', tone: 'danger' },
} as const satisfies Vocabulary<'pending' | 'suggested' | 'accepted' | 'rejected'>

export const feedbackReasonTerms = {
  budget: t('Budget', 'The budget does not match'),
  audience: t('Audience', 'The audience is not the right one'),
  geography: t('Places', 'The places do not match'),
  engagement: t('Engagement', 'The audience is not engaged enough'),
  objectives: t('Goals', 'The goals do not match'),
  brand_safety: t('Brand safety', 'Not safe for the brand'),
  other: t('Something else', 'Another reason'),
} as const satisfies Vocabulary<FeedbackReason>

/** The metrics the hourly rollup writes per event (event_stat_snapshots.metric_key). */
export const statMetricTerms = {
  impressions_24h: t('Impressions, last 24 hours', 'How often the event was shown in the last day'),
  impressions_total: t('Impressions in all', 'Every time the event was shown'),
  video_avg_dwell_ms_7d: t('Average viewing time, last 7 days', 'How long people watched the event’s posts'),
  ticket_conv_rate_30d: t('Ticket conversion, last 30 days', 'The share of ticket opens that became purchases'),
  booth_leads_total: t('Booth leads', 'Leads captured at the event’s booths'),
} as const satisfies Vocabulary<string>

/** Company sizes offered in the targeting editor (people employed); the server accepts any short text. */
export const companySizeTerms = {
  '1-10': t('1 to 10 people', 'A very small company'),
  '11-50': t('11 to 50 people', 'A small company'),
  '51-200': t('51 to 200 people', 'A medium company'),
  '201-1000': t('201 to 1,000 people', 'A large company'),
  '1000+': t('More than 1,000 people', 'A very large company'),
} as const satisfies Vocabulary<string>

/** The age groups events and sponsors use for their audience (the stats pipeline's age buckets). */
export const ageBuckets = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const
