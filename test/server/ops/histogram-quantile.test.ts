import { describe, expect, it } from 'vitest'
import { Histogram, Registry } from 'prom-client'
import { histogramQuantile } from '../../../server/ops/histogram-quantile'

const histogram = () =>
  new Histogram({
    name: 'h',
    help: 'h',
    labelNames: ['route'],
    buckets: [0.1, 0.2, 0.5, 1],
    registers: [new Registry()],
  })

describe('histogramQuantile', () => {
  it('has no quantile without observations', async () => {
    expect(await histogramQuantile(histogram(), 0.95)).toEqual({ count: 0, quantile: null })
  })

  it('interpolates inside the bucket holding the rank, as Prometheus does', async () => {
    const h = histogram()
    for (let i = 0; i < 50; i++) h.observe({ route: 'a' }, 0.05) // bucket ≤ 0.1
    for (let i = 0; i < 50; i++) h.observe({ route: 'a' }, 0.15) // bucket ≤ 0.2
    // rank 95 of 100: 45 of the 50 in (0.1, 0.2] → 0.1 + 0.1 · 45/50
    expect((await histogramQuantile(h, 0.95)).quantile).toBeCloseTo(0.19, 6)
    expect((await histogramQuantile(h, 0.5)).quantile).toBeCloseTo(0.1, 6)
  })

  it('keeps only the series the filter keeps, and answers the last finite bound above it', async () => {
    const h = histogram()
    h.observe({ route: 'fast' }, 0.05)
    for (let i = 0; i < 10; i++) h.observe({ route: 'slow' }, 5)
    expect((await histogramQuantile(h, 0.95, (labels) => labels.route === 'fast')).quantile).toBeCloseTo(0.095, 6)
    expect((await histogramQuantile(h, 0.95, (labels) => labels.route === 'slow')).quantile).toBe(1)
  })
})
