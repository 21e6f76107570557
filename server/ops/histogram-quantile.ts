// A quantile of a prom-client histogram, as Prometheus' histogram_quantile() computes it: linear
// interpolation inside the bucket that holds the rank, over the series a filter keeps.
import type { Histogram } from 'prom-client'

export interface HistogramSummary {
  count: number
  quantile: number | null
}

type Labels = Record<string, string | number>

export async function histogramQuantile(
  histogram: Histogram<string>,
  q: number,
  keep: (labels: Labels) => boolean = () => true,
): Promise<HistogramSummary> {
  const { values } = await histogram.get()
  const buckets = new Map<number, number>()
  let count = 0
  for (const sample of values) {
    const labels = sample.labels as Labels
    if (!keep(labels)) continue
    if (sample.metricName?.endsWith('_bucket')) {
      const le = labels.le === '+Inf' ? Infinity : Number(labels.le)
      buckets.set(le, (buckets.get(le) ?? 0) + sample.value)
    } else if (sample.metricName?.endsWith('_count')) {
      count += sample.value
    }
  }
  if (count === 0) return { count, quantile: null }
  const bounds = [...buckets.keys()].sort((a, b) => a - b)
  const rank = q * count
  let lower = 0
  let below = 0
  for (const upper of bounds) {
    const cumulative = buckets.get(upper)!
    if (cumulative >= rank) {
      // Above the last finite bucket Prometheus answers that bucket's bound.
      if (upper === Infinity) return { count, quantile: lower }
      const inBucket = cumulative - below
      return { count, quantile: inBucket === 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket }
    }
    lower = upper
    below = cumulative
  }
  return { count, quantile: lower }
}
