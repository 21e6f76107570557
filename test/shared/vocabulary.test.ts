// The vocabularies in words: every value reads as a person would say it, unknown values never as a raw code.
import { describe, expect, it } from 'vitest'
import {
  benefitKeyFor,
  benefitLabel,
  benefitTerms,
  benefitValue,
  choicesOf,
  escrowStateTerms,
  explainInWords,
  explanationInWords,
  followUpTerms,
  humanize,
  interactionTerms,
  labelOf,
  termOf,
} from '../../shared/vocabulary'
import { interactionTypes } from '../../shared/leads/intent-scoring'
import { followUpStatuses } from '../../shared/leads/lead-record'
import { benefitFromInput, benefitToInput, packagePriceProblem } from '../../shared/commerce/package-rules'
import { benefitObligations } from '../../server/fulfillment/benefit-deliverables'

describe('vocabulary', () => {
  it('has words for every value of the shared vocabularies, and no raw codes', () => {
    expect(Object.keys(interactionTerms).sort()).toEqual([...interactionTypes].sort())
    expect(choicesOf(followUpTerms).map((choice) => choice.value)).toEqual([...followUpStatuses])
    for (const term of [
      ...Object.values(interactionTerms),
      ...Object.values(followUpTerms),
      ...Object.values(escrowStateTerms),
    ]) {
      expect(term.label).not.toMatch(/_/)
      expect(term.label[0]).toBe(term.label[0]!.toUpperCase())
    }
    expect(labelOf(escrowStateTerms, 'requires_action')).toBe('Waiting for card authentication')
  })

  it('reads a value it does not know (a newer server) as words, and nothing as a dash', () => {
    expect(termOf(escrowStateTerms, 'partially_refunded')).toEqual({ label: 'Partially refunded', tone: 'neutral' })
    expect(labelOf(followUpTerms, null)).toBe('—')
    expect(humanize('logoStage')).toBe('Logo stage')
  })

  it('explains a score in words, never as "()"', () => {
    expect(
      explainInWords(
        [
          { type: 'demo_request', points: 30 },
          { type: 'direct_request', points: 35 },
          { type: 'repeat_visit', points: 5 },
          { type: 'demo_watched', points: 20 },
          { type: 'demo_request', points: 30 },
        ],
        100,
      ),
    ).toBe(
      'Demo request +30, Direct request +35, Repeat visit +5, Demo watched +20, Demo request +30 = 120, capped at 100',
    )
    expect(explainInWords([], 0)).toBe('No interactions yet, so 0')
    expect(explanationInWords('booth_visit +10, demo_request +30 = 40')).toBe('Booth visit +10, Demo request +30 = 40')
    expect(explanationInWords('()')).toBe('No interactions recorded yet')
    expect(explanationInWords(null)).toBe('No interactions recorded yet')
  })

  it('names benefits and their values as a person reads them, and stores a known one under its key', () => {
    expect(benefitLabel('logo_stage')).toBe('Logo on the main stage')
    expect(benefitLabel('green_room_access')).toBe('Green room access')
    expect(benefitKeyFor(' social posts ')).toBe('social_posts')
    expect(benefitKeyFor('Free coffee')).toBe('Free coffee')
    expect(benefitLabel('booth')).toBe('Booth')
    expect(benefitLabel('Logo on the main stage')).toBe('Logo on the main stage')
    expect([true, false, 5000, '10x10', ['a', 'b']].map(benefitValue)).toEqual([
      'Included',
      'Not included',
      '5,000',
      '10x10',
      'a, b',
    ])
  })
})

describe('benefit vocabulary', () => {
  it('has words for every benefit fulfillment turns into a deliverable', () => {
    for (const key of Object.keys(benefitObligations)) expect(Object.keys(benefitTerms)).toContain(key)
  })
})

describe('package rules', () => {
  it('refuses $0 unless the package is free, with a sentence that says how to fix it', () => {
    expect(packagePriceProblem(0, false)).toMatch(/\$0\.00 is refused unless it is meant to be free/)
    expect(packagePriceProblem(null, false)).toMatch(/Enter a price/)
    expect(packagePriceProblem(0, true)).toBeNull()
    expect(packagePriceProblem(150000, false)).toBeNull()
  })

  it('reads benefit details as typed, and writes them back the same way', () => {
    expect(['', 'yes', 'No', '3', '10x10', ' 15 min '].map(benefitFromInput)).toEqual([
      true,
      true,
      false,
      3,
      '10x10',
      '15 min',
    ])
    for (const value of [true, false, 3, '10x10']) expect(benefitFromInput(benefitToInput(value))).toEqual(value)
  })
})
