// What the stats pipeline knows about one event's audience, for its organizer: the latest value of each
// snapshot metric (event_stat_snapshots) and the audience insights (event_audience_insights), or none yet.
import type { Queryable } from '../db/database'

export interface AudienceStat {
  metric_key: string
  metric_value: number
  captured_at: string
}

export interface AudienceInsights {
  attendee_count: number
  avg_dwell_time_ms: number
  geo_distribution: Record<string, number>
  age_segments: Record<string, number>
  engagement_score: number
  ticket_conversion_rate: number
  social_mentions: number
  sentiment_score: number | null
  updated_at: string
}

/** The event's latest snapshot per metric and its insights; run in the organizer's tenant (row-level security). */
export async function eventAudience(db: Queryable, eventId: string) {
  const stats = await db.query<{ metric_key: string; metric_value: string; captured_at: Date }>(
    `SELECT DISTINCT ON (metric_key) metric_key, metric_value, captured_at FROM event_stat_snapshots
     WHERE event_id = $1 ORDER BY metric_key, captured_at DESC`,
    [eventId],
  )
  const insights = await db.query<Omit<AudienceInsights, 'updated_at'> & { updated_at: Date }>(
    `SELECT attendee_count, avg_dwell_time_ms, geo_distribution, age_segments, engagement_score, ticket_conversion_rate,
       social_mentions, sentiment_score, updated_at FROM event_audience_insights WHERE event_id = $1`,
    [eventId],
  )
  const found = insights.rows[0]
  return {
    stats: stats.rows.map((s) => ({
      metric_key: s.metric_key,
      metric_value: Number(s.metric_value),
      captured_at: s.captured_at.toISOString(),
    })),
    insights: found ? { ...found, updated_at: found.updated_at.toISOString() } : null,
  }
}
