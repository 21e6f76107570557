import { describe, expect, it } from 'vitest'
import { computeMatch, trigramSimilarity } from '../../../server/intelligence/match-formula'
import { noTargeting, plainEvent } from './intelligence-fixtures'

describe('seed 003 match formula (reference implementation)', () => {
  it('scores a sponsor with nothing filled in at the objectives baseline only', () => {
    const r = computeMatch(noTargeting, plainEvent, null)
    expect(r.overlapMetrics).toMatchObject({
      budget_fit: 0,
      audience_overlap: { categories: 0, geo: 0, score: 0 },
      geo_fit: 0,
      engagement_quality: 0,
      objectives_similarity: 0.5,
    })
    expect(r.score).toBeCloseTo(0.05, 12)
  })

  it('gives a zero budget no budget fit, and 100,000 cents exactly one half', () => {
    expect(computeMatch({ ...noTargeting, annualBudgetCents: 0 }, plainEvent, null).overlapMetrics.budget_fit).toBe(0)
    expect(
      computeMatch({ ...noTargeting, annualBudgetCents: 100000 }, plainEvent, null).overlapMetrics.budget_fit,
    ).toBe(0.5)
    expect(
      computeMatch({ ...noTargeting, annualBudgetCents: 5_000_000 }, plainEvent, null).overlapMetrics.budget_fit,
    ).toBeCloseTo(5_000_000 / 5_100_000, 12)
  })

  it('divides category overlap by the sponsor categories, case-insensitively and over distinct values', () => {
    const sponsor = { ...noTargeting, preferredCategories: ['Music', 'food', 'art', 'music'] }
    const r = computeMatch(sponsor, { ...plainEvent, categories: ['music', 'Food', 'sports'] }, null)
    expect(r.overlapMetrics.audience_overlap.categories).toBeCloseTo(2 / 3, 12)
    expect(
      computeMatch({ ...noTargeting }, { ...plainEvent, categories: ['music'] }, null).overlapMetrics.audience_overlap
        .categories,
    ).toBe(0)
  })

  it('takes event regions from the country, the region and the audience geo distribution', () => {
    const sponsor = { ...noTargeting, regions: ['US', 'ca', 'MX', 'FR'] }
    const r = computeMatch(
      sponsor,
      { ...plainEvent, country: 'US' },
      { geoDistribution: { CA: 30, DE: 10 }, engagementScore: 0, ticketConversionRate: 0 },
    )
    expect(r.overlapMetrics.audience_overlap.geo).toBe(0.5) // US and CA of four
    expect(r.overlapMetrics.geo_fit).toBe(0.75) // 30 of the 40 people are in the sponsor's regions
  })

  it('falls back to the event location for geo fit without a geo distribution', () => {
    const sponsor = { ...noTargeting, regions: ['TX'] }
    expect(computeMatch(sponsor, { ...plainEvent, country: 'US', region: 'tx' }, null).overlapMetrics.geo_fit).toBe(1)
    expect(computeMatch(sponsor, { ...plainEvent, country: 'US', region: 'CA' }, null).overlapMetrics.geo_fit).toBe(0)
  })

  it('weighs engagement 0.7 and ticket conversion 0.3, and gives no insights no engagement', () => {
    const r = computeMatch(noTargeting, plainEvent, {
      geoDistribution: {},
      engagementScore: 0.8,
      ticketConversionRate: 0.5,
    })
    expect(r.overlapMetrics.engagement_quality).toBeCloseTo(0.71, 12)
    expect(r.score).toBeCloseTo(0.15 * 0.71 + 0.05, 12)
  })

  it('adds half the trigram similarity of objectives and event words to the 0.5 baseline', () => {
    expect(trigramSimilarity('music', 'music')).toBe(1)
    expect(trigramSimilarity('', 'music')).toBe(0)
    // pg_trgm: "abc" → {"  a"," ab","abc","bc "}; "abd" → {"  a"," ab","abd","bd "}: 2 shared of 6.
    expect(trigramSimilarity('abc', 'abd')).toBeCloseTo(2 / 6, 12)
    const r = computeMatch(
      { ...noTargeting, keywords: ['music'] },
      { ...plainEvent, title: 'Music', categories: ['live'] },
      null,
    )
    expect(r.overlapMetrics.text_similarity).toBeCloseTo(6 / 11, 12) // 6 trigrams of "music" among 11 of "music live"
    expect(r.overlapMetrics.objectives_similarity).toBeCloseTo(0.5 + 0.5 * r.overlapMetrics.text_similarity, 12)
  })

  it('puts every component together with the seed weights', () => {
    const sponsor = {
      ...noTargeting,
      annualBudgetCents: 300000,
      preferredCategories: ['music', 'food'],
      regions: ['US'],
      keywords: ['festival'],
    }
    const event = { ...plainEvent, title: 'Summer Festival', categories: ['music'], country: 'US' }
    const insights = { geoDistribution: { US: 60, CA: 40 }, engagementScore: 0.5, ticketConversionRate: 0.2 }
    const r = computeMatch(sponsor, event, insights)
    const expected =
      0.25 * 0.75 +
      0.35 * (0.6 * 0.5 + 0.4 * 1) +
      0.15 * 0.6 +
      0.15 * (0.35 + 0.06) +
      0.1 * r.overlapMetrics.objectives_similarity
    expect(r.score).toBeCloseTo(expected, 12)
  })

  it('marks a pair unsafe when the event carries a tag the sponsor avoids', () => {
    expect(
      computeMatch({ ...noTargeting, avoidTags: ['Gambling'] }, { ...plainEvent, brandSafetyTags: ['gambling'] }, null)
        .overlapMetrics.brand_safe,
    ).toBe(false)
    expect(
      computeMatch({ ...noTargeting, avoidTags: ['gambling'] }, { ...plainEvent, brandSafetyTags: ['family'] }, null)
        .overlapMetrics.brand_safe,
    ).toBe(true)
  })
})
