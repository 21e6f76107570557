import { describe, expect, it } from 'vitest'
import {
  addCapture,
  intentLevel,
  interactionPoints,
  isInteractionType,
  scoreInteractions,
} from '../../../shared/leads/intent-scoring'

describe('intent scoring (seed 004)', () => {
  it.each([
    ['booth_visit', 10],
    ['content_download', 15],
    ['content_view', 5],
    ['demo_watched', 20],
    ['demo_request', 30],
    ['direct_request', 35],
    ['qr_scan', 10],
    ['session_attendance', 15],
    ['repeat_visit', 5],
  ] as const)('scores %s at %i points', (type, points) => {
    expect(interactionPoints[type]).toBe(points)
    expect(scoreInteractions([type]).score).toBe(points)
  })

  it.each([
    [0, 'cold'],
    [39, 'cold'],
    [40, 'warm'],
    [69, 'warm'],
    [70, 'hot'],
    [100, 'hot'],
  ] as const)('puts a score of %i in %s', (score, level) => {
    expect(intentLevel(score)).toBe(level)
  })

  it('sums interactions and explains the score by them', () => {
    expect(scoreInteractions(['qr_scan', 'demo_request', 'content_download'])).toEqual({
      score: 55,
      level: 'warm',
      uncappedScore: 55,
      breakdown: [
        { type: 'qr_scan', points: 10 },
        { type: 'demo_request', points: 30 },
        { type: 'content_download', points: 15 },
      ],
    })
  })

  it('caps the score at 100 and keeps the uncapped sum for the explanation', () => {
    const result = scoreInteractions(['direct_request', 'direct_request', 'demo_request', 'demo_watched'])
    expect(result).toMatchObject({ score: 100, level: 'hot', uncappedScore: 120 })
  })

  it('adds a repeat_visit bonus on the second and later captures of the same attendee', () => {
    const first = addCapture([], 'booth_visit')
    const second = addCapture(first, 'demo_request')
    expect(second).toEqual(['booth_visit', 'demo_request', 'repeat_visit'])
    expect(scoreInteractions(second).score).toBe(45)
  })

  it('recognises only the known interaction types', () => {
    expect(isInteractionType('qr_scan')).toBe(true)
    expect(isInteractionType('hasOwnProperty')).toBe(false)
    expect(isInteractionType(10)).toBe(false)
  })
})
