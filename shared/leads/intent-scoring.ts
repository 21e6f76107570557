// Lead intent scoring from seed 004, exactly: points per interaction, capped at 100, with the
// interactions that produced the score kept so every score can be explained. Shared so the server
// and the offline booth compute the same number.

export const interactionPoints = {
  booth_visit: 10,
  content_download: 15,
  content_view: 5,
  demo_watched: 20,
  demo_request: 30,
  direct_request: 35,
  qr_scan: 10,
  session_attendance: 15,
  repeat_visit: 5,
} as const

export type InteractionType = keyof typeof interactionPoints
export type IntentLevel = 'hot' | 'warm' | 'cold'

export const interactionTypes = Object.keys(interactionPoints) as InteractionType[]
export const maxIntentScore = 100

export interface IntentScore {
  score: number
  level: IntentLevel
  /** Each interaction with the points it added; the sum before the cap. */
  breakdown: { type: InteractionType; points: number }[]
  uncappedScore: number
}

export function isInteractionType(value: unknown): value is InteractionType {
  return typeof value === 'string' && Object.hasOwn(interactionPoints, value)
}

/** hot 70–100, warm 40–69, cold 0–39. */
export function intentLevel(score: number): IntentLevel {
  if (score >= 70) return 'hot'
  if (score >= 40) return 'warm'
  return 'cold'
}

export function scoreInteractions(interactions: readonly InteractionType[]): IntentScore {
  const breakdown = interactions.map((type) => ({ type, points: interactionPoints[type] }))
  const uncappedScore = breakdown.reduce((sum, item) => sum + item.points, 0)
  const score = Math.min(uncappedScore, maxIntentScore)
  return { score, level: intentLevel(score), breakdown, uncappedScore }
}

/**
 * The interactions a lead holds after another capture of the same attendee: a second and later
 * capture adds its interaction and a repeat_visit bonus to the one lead.
 */
export function addCapture(existing: readonly InteractionType[], interaction: InteractionType): InteractionType[] {
  return existing.length === 0 ? [interaction] : [...existing, interaction, 'repeat_visit']
}
