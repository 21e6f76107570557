// The product's vocabularies in human words, defined once: every screen, export and message reads its labels
// here and never re-lists the values. Each table is checked against its value type (`satisfies`), so a new
// state without a label, or a label for a state that no longer exists, is a compile error.
import type { InteractionType, IntentLevel } from './leads/intent-scoring'
import type { FollowUpStatus } from './leads/lead-record'
import type { Static } from 'typebox'
import type { EscrowState, OrderStatusSchema, ProposalStatus, Side } from './commerce/commerce-records'
import type { QualifierKind as QualifierKindSchema } from './leads/qualifier-question'
import type { OrderAction } from './commerce/order-machine'
import type { ProposalAction } from './commerce/proposal-machine'
import type { DeliverableAction, DeliverableStatus } from './commerce/deliverable-machine'
import type { OrgKind } from './domain'
import type { SponsorRole } from './sponsors/permissions'

/** How a value should read at a glance; the renderer maps tones to colours. */
export type Tone = 'neutral' | 'info' | 'positive' | 'warning' | 'danger'

export interface Term {
  label: string
  tone: Tone
  /** One sentence for a tooltip or help text. */
  hint?: string
}

export type Vocabulary<K extends string> = Readonly<Record<K, Term>>

const term = (label: string, tone: Tone = 'neutral', hint?: string): Term =>
  hint ? { label, tone, hint } : { label, tone }

export const interactionTerms = {
  booth_visit: term('Booth visit'),
  qr_scan: term('QR scan'),
  content_view: term('Content viewed'),
  content_download: term('Content downloaded'),
  demo_watched: term('Demo watched'),
  demo_request: term('Demo request'),
  direct_request: term('Direct request'),
  session_attendance: term('Session attended'),
  repeat_visit: term('Repeat visit', 'neutral', 'Added when the same badge is captured again'),
} as const satisfies Vocabulary<InteractionType>

export const intentLevelTerms = {
  hot: term('Hot', 'danger', 'Score 70 to 100'),
  warm: term('Warm', 'warning', 'Score 40 to 69'),
  cold: term('Cold', 'info', 'Score 0 to 39'),
} as const satisfies Vocabulary<IntentLevel>

export const followUpTerms = {
  new: term('New'),
  contacted: term('Contacted', 'info'),
  qualified: term('Qualified', 'positive'),
  not_interested: term('Not interested', 'neutral'),
  converted: term('Converted', 'positive'),
} as const satisfies Vocabulary<FollowUpStatus>

export type CaptureStatus = 'pending' | 'synced' | 'rejected'
export const captureStatusTerms = {
  pending: term('Pending', 'warning', 'Saved on this device; it goes to the server when it is reachable'),
  synced: term('Synced', 'positive'),
  rejected: term(
    'Refused',
    'danger',
    'The server did not accept it; it stays on this device until exported or discarded',
  ),
} as const satisfies Vocabulary<CaptureStatus>

export const proposalStatusTerms = {
  draft: term('Draft'),
  sent: term('Sent', 'info'),
  counter: term('Countered', 'warning'),
  accepted: term('Accepted', 'positive'),
  rejected: term('Rejected', 'danger'),
  expired: term('Expired'),
} as const satisfies Vocabulary<ProposalStatus>

export type OrderStatus = Static<typeof OrderStatusSchema>
export const orderStatusTerms = {
  pending: term('Awaiting payment', 'warning'),
  funded: term('Paid into escrow', 'info'),
  completed: term('Completed', 'positive'),
  cancelled: term('Cancelled'),
  refunded: term('Refunded', 'neutral'),
} as const satisfies Vocabulary<OrderStatus>

export const escrowStateTerms = {
  pending: term('Not funded yet', 'warning', 'The sponsor has not paid yet'),
  requires_action: term(
    'Waiting for card authentication',
    'warning',
    'The card issuer asked the sponsor to confirm the payment (3-D Secure)',
  ),
  funded: term('Funded', 'info', 'The money is held by the platform until it is released'),
  locked: term('Locked', 'info', 'Held for delivery: neither side can cancel any more'),
  released: term('Released', 'positive', 'The money goes to the organizer, minus the platform fee'),
  cancelled: term('Cancelled'),
  refunded: term('Refunded'),
} as const satisfies Vocabulary<EscrowState>

/** One attempt to pay for an order, as the server records it beside Stripe's PaymentIntent. */
export type PaymentStatus = 'creating' | 'requires_action' | 'succeeded' | 'failed'
export const paymentStatusTerms = {
  creating: term('Being sent to the bank', 'info'),
  requires_action: term(
    'Waiting for 3-D Secure',
    'warning',
    "The sponsor's bank asked them to confirm the payment before it goes through",
  ),
  succeeded: term('Paid', 'positive'),
  failed: term('Did not go through', 'danger'),
} as const satisfies Vocabulary<PaymentStatus>

/**
 * Why a sponsor's payment failed, as the organizer reads it: Stripe's own message ("Your card was declined.") speaks
 * to the card holder. Keyed by Stripe's decline or error code; other codes read as `paymentFailedForOrganizer`.
 */
export const paymentFailureForOrganizerTerms = {
  card_declined: term("The sponsor's card was declined.", 'danger'),
  generic_decline: term("The sponsor's card was declined.", 'danger'),
  insufficient_funds: term("The sponsor's card was declined: not enough funds.", 'danger'),
  lost_card: term("The sponsor's card was declined.", 'danger'),
  stolen_card: term("The sponsor's card was declined.", 'danger'),
  expired_card: term("The sponsor's card has expired.", 'danger'),
  incorrect_cvc: term("The sponsor's card security code was wrong.", 'danger'),
  processing_error: term("The sponsor's bank could not process the payment.", 'danger'),
  authentication_required: term('The sponsor did not complete 3-D Secure.', 'danger'),
  payment_intent_authentication_failure: term('The sponsor did not complete 3-D Secure.', 'danger'),
} as const satisfies Vocabulary<string>
export const paymentFailedForOrganizer = "The sponsor's payment did not go through."

/** The payout of one released order, as the payout queue tracks it. */
export type PayoutStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'dead'
export const payoutStatusTerms = {
  pending: term('Payout waiting', 'warning'),
  processing: term('Payout in progress', 'info'),
  completed: term('Payout completed', 'positive'),
  failed: term('Payout failed, retrying', 'warning'),
  dead: term('Payout failed', 'danger', 'Every attempt failed; an administrator has been alerted'),
} as const satisfies Vocabulary<PayoutStatus>

/** What each escrow action does, for buttons and their confirmations. */
export const orderActionTerms = {
  fund: term('Fund escrow', 'info'),
  lock: term('Lock escrow', 'warning'),
  release: term('Release escrow', 'warning'),
  cancel: term('Cancel order', 'danger'),
  refund: term('Refund', 'danger'),
} as const satisfies Vocabulary<OrderAction>

export const deliverableStatusTerms = {
  pending: term('To prove', 'warning', 'Nothing submitted yet: the responsible side uploads a proof'),
  submitted: term('Waiting for review', 'info', 'A proof is in: the other side approves it or asks for changes'),
  approved: term('Approved', 'positive'),
  needs_changes: term('Changes asked', 'danger', 'Sent back with a reason: a new proof submits it again'),
  waived: term('Waived', 'neutral', 'Nothing more is owed'),
} as const satisfies Vocabulary<DeliverableStatus>

/** The reviewer's actions on a submitted deliverable, for buttons and their confirmations. */
export const deliverableReviewTerms = {
  approve: term('Approve', 'positive'),
  needs_changes: term('Ask for changes', 'warning'),
  waive: term('Waive', 'neutral'),
} as const satisfies Vocabulary<Exclude<DeliverableAction, 'submit'>>

export const slaStatusTerms = {
  pending: term('Being measured', 'info', 'Checked nightly once its grace period is over'),
  met: term('Met', 'positive'),
  breached: term('Breached', 'danger', 'Its remedy (a make-good or a partial refund) was applied'),
} as const satisfies Vocabulary<string>

/** An SLA's metric in words. */
export const slaMetricTerms = {
  impressions_total: term('Impressions'),
  booth_hours: term('Booth hours staffed'),
} as const satisfies Vocabulary<string>

export const proposalActionTerms = {
  send: term('Send proposal', 'info'),
  accept: term('Accept offer', 'positive'),
  reject: term('Reject', 'danger'),
  counter: term('Counter', 'warning'),
} as const satisfies Vocabulary<ProposalAction>

export type PackageVisibility = 'public' | 'private'
export const visibilityTerms = {
  public: term('Public (marketplace)', 'info'),
  private: term('Private (by proposal only)'),
} as const satisfies Vocabulary<PackageVisibility>

export const sideTerms = {
  organizer: term('Organizer'),
  sponsor: term('Sponsor'),
} as const satisfies Vocabulary<Side>

export const orgKindTerms = {
  organizer: term('Organizer'),
  sponsor: term('Sponsor'),
} as const satisfies Vocabulary<OrgKind>

export const sponsorRoleTerms = {
  admin: term('Admin', 'info', 'Manages the sponsor: people, profile, leads and exports'),
  representative: term('Representative', 'neutral', 'Captures, reviews and exports leads'),
  booth_staff: term('Booth staff', 'neutral', 'Captures leads at the booth'),
  viewer: term('Viewer', 'neutral', 'Reads leads'),
} as const satisfies Vocabulary<SponsorRole>

export type QualifierKind = Static<typeof QualifierKindSchema>
export const qualifierKindTerms = {
  text: term('Text'),
  single_choice: term('One choice'),
  multiple_choice: term('Several choices'),
  rating: term('Rating (1 to 5)'),
} as const satisfies Vocabulary<QualifierKind>

export type SloStateName = 'met' | 'breached' | 'no-data'
export const sloStateTerms = {
  met: term('Met', 'positive'),
  breached: term('Breached', 'danger'),
  'no-data': term('No data yet'),
} as const satisfies Vocabulary<SloStateName>

/** A value's term; an unknown value (a newer server's) reads as itself in words rather than as a code. */
export function termOf<K extends string>(vocabulary: Vocabulary<K>, value: string | null | undefined): Term {
  if (value === null || value === undefined || value === '') return { label: '—', tone: 'neutral' }
  return Object.hasOwn(vocabulary, value) ? vocabulary[value as K] : { label: humanize(value), tone: 'neutral' }
}

export const labelOf = <K extends string>(vocabulary: Vocabulary<K>, value: string | null | undefined) =>
  termOf(vocabulary, value).label

/** The vocabulary as choices for a picker, in its defined order. */
export function choicesOf<K extends string>(
  vocabulary: Vocabulary<K>,
  only?: readonly K[],
): { value: K; label: string }[] {
  const keys = only ?? (Object.keys(vocabulary) as K[])
  return keys.map((value) => ({ value, label: vocabulary[value].label }))
}

/** "logo_stage" or "logoStage" → "Logo stage": a stored key read as words. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * The benefits the product knows (fulfillment turns each into a deliverable to prove), in words. A package may
 * also carry other benefits under the name its organizer typed.
 */
export const benefitTerms = {
  logo_stage: term('Logo on the main stage'),
  logo_placement: term('Logo placement'),
  booth: term('Booth'),
  speaking_slot: term('Speaking slot'),
  social_posts: term('Social posts'),
  newsletter_mention: term('Newsletter mention'),
  stage_branding: term('Stage branding'),
  sponsor_assets: term('Sponsor assets'),
  lead_capture: term('Lead capture'),
} as const satisfies Vocabulary<string>

/** A package benefit's name as a person reads it: a known benefit's words, else the name as stored, in words. */
export function benefitLabel(name: string): string {
  if (Object.hasOwn(benefitTerms, name)) return benefitTerms[name as keyof typeof benefitTerms].label
  return /[_-]|^[a-z]+[A-Z]/.test(name) || name === name.toLowerCase() ? humanize(name) : name
}

/** The stored name for a benefit typed in words: a known benefit's key when the words are its label, else the words. */
export function benefitKeyFor(words: string): string {
  const wanted = words.trim().toLowerCase()
  const known = Object.entries(benefitTerms).find(
    ([key, term]) => term.label.toLowerCase() === wanted || key === wanted,
  )
  return known ? known[0] : words.trim()
}

/** A benefit's value in words: true → "Included", false → "Not included", numbers grouped. */
export function benefitValue(value: unknown): string {
  if (value === true) return 'Included'
  if (value === false) return 'Not included'
  if (typeof value === 'number') return value.toLocaleString('en-US')
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.map(benefitValue).join(', ')
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${benefitLabel(k)}: ${benefitValue(v)}`)
      .join(', ')
  return String(value)
}

/** "booth_visit +10, demo_request +30 = 40" → "Booth visit +10, Demo request +30 = 40": the score's explanation in words. */
export function explainInWords(interactions: readonly { type: string; points: number }[], score: number): string {
  if (interactions.length === 0) return 'No interactions yet, so 0'
  const sum = interactions.reduce((total, i) => total + i.points, 0)
  const parts = interactions.map((i) => `${labelOf(interactionTerms, i.type)} +${i.points}`).join(', ')
  return sum > score ? `${parts} = ${sum}, capped at ${score}` : `${parts} = ${score}`
}

/** A stored explanation ("booth_visit +10, demo_request +30 = 40") in words; an empty one says so instead of "()". */
export function explanationInWords(explanation: string | null | undefined): string {
  const text = (explanation ?? '').trim()
  if (!text || text === '()') return 'No interactions recorded yet'
  if (text === 'no interactions = 0') return 'No interactions yet, so 0'
  return text.replace(
    /\b([a-z]+(?:_[a-z]+)*) \+(\d+)/g,
    (_whole, type: string, points: string) => `${labelOf(interactionTerms, type)} +${points}`,
  )
}
