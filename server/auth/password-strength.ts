// Refuses common and trivial passwords (zxcvbn-ts: common-password and word lists, repeats, sequences,
// keyboard walks, dates, l33t). Used wherever a password is set.
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'
import { AppError } from '../errors'

// Built on first use: loading the dictionaries takes a few hundred milliseconds.
let estimator: ZxcvbnFactory | undefined
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }))

/** Throws a 400 `weak-password` when the password scores below minScore (0–4); the user's email and name count as guessable. */
export function assertStrongPassword(password: string, minScore: number, userInputs: string[] = []): void {
  const result = zxcvbn().check(password, userInputs)
  if (result.score >= minScore) return
  const { warning, suggestions } = result.feedback
  throw new AppError(
    400,
    'weak-password',
    `This password is too easy to guess${warning ? ` (${warning.replace(/\.$/, '')})` : ''}. Choose a longer one, for example three or four unrelated words.`,
    { score: result.score, min_score: minScore, warning, suggestions },
  )
}
