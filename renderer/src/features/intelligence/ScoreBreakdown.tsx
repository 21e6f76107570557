// A match score and its five parts (seed 003's formula), each in words with its weight and a bar: what the
// person reads to see why a sponsor and an event were matched.
import { Badge, Box, Progress, SimpleGrid, Text } from '@mantine/core'
import type { OverlapMetrics } from '../../../../shared/intelligence/intelligence-commands'
import {
  matchPartTerms,
  matchParts,
  matchPartWeights,
  type MatchPart,
} from '../../../../shared/intelligence/match-terms'

const percent = (fraction: number) => `${Math.round(fraction * 100)} %`

export function partValue(metrics: OverlapMetrics, part: MatchPart): number {
  return part === 'audience_overlap' ? metrics.audience_overlap.score : metrics[part]
}

/** "strong", "fair" or "weak": the part's value in one word. */
export function strength(fraction: number): string {
  return fraction >= 0.7 ? 'strong' : fraction >= 0.4 ? 'fair' : 'weak'
}

export function ScoreBadge({ score }: { score: number }) {
  return (
    <Badge size="lg" variant="light" color={score >= 0.75 ? 'teal' : 'blue'} tt="none">
      Match {percent(score)}
    </Badge>
  )
}

function detail(metrics: OverlapMetrics, part: MatchPart): string | null {
  if (part === 'audience_overlap')
    return `Categories ${percent(metrics.audience_overlap.categories)}, places ${percent(metrics.audience_overlap.geo)}`
  return null
}

export function ScoreBreakdown({ metrics, label }: { metrics: OverlapMetrics; label: string }) {
  return (
    <SimpleGrid component="dl" aria-label={label} cols={1} spacing={6} m={0}>
      {matchParts.map((part) => {
        const value = partValue(metrics, part)
        const term = matchPartTerms[part]
        const more = detail(metrics, part)
        return (
          <div key={part} data-part={part} style={{ display: 'grid', gridTemplateColumns: '11rem 1fr', gap: 8 }}>
            <Text component="dt" size="sm" fw={500} title={term.hint}>
              {term.label}
            </Text>
            <Box component="dd" m={0}>
              <Text size="sm">
                {percent(value)} ({strength(value)}, counts for {percent(matchPartWeights[part])})
              </Text>
              <Progress value={Math.round(value * 100)} size="sm" aria-hidden="true" />
              {more && (
                <Text size="xs" c="dimmed">
                  {more}
                </Text>
              )}
            </Box>
          </div>
        )
      })}
    </SimpleGrid>
  )
}
