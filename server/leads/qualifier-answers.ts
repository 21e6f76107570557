// Checks answers to qualifier questions against the questions a sponsor defined for the event, and
// returns them in the type each question takes (HTTP validation may have coerced "4" and 4 either way).
import type { QualifierAnswers } from '../../shared/leads/lead-record'
import type { QualifierQuestion } from '../repositories/qualifiers-repository'
import { badRequest } from '../errors'

type Answer = QualifierAnswers[string]

/** Throws a 400 naming every bad answer; `requireAll` also demands the required questions (a first capture). */
export function checkAnswers(
  questions: readonly QualifierQuestion[],
  answers: QualifierAnswers,
  { requireAll }: { requireAll: boolean },
): QualifierAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]))
  const problems: { question_id: string; message: string }[] = []
  const normalized: QualifierAnswers = {}
  for (const [id, answer] of Object.entries(answers)) {
    const question = byId.get(id)
    if (!question) {
      problems.push({
        question_id: id,
        message: 'No active qualifier question of this sponsor at this event has this id.',
      })
      continue
    }
    const result = normalize(question, answer)
    if (typeof result === 'object' && result !== null && 'problem' in result)
      problems.push({ question_id: id, message: result.problem })
    else normalized[id] = result
  }
  if (requireAll) {
    for (const question of questions) {
      if (question.isRequired && !(question.id in answers))
        problems.push({ question_id: question.id, message: `"${question.prompt}" needs an answer.` })
    }
  }
  if (problems.length)
    throw badRequest('invalid-qualifiers', 'Some qualifier answers do not fit their questions.', problems)
  return normalized
}

function normalize(question: QualifierQuestion, answer: Answer): Answer | { problem: string } {
  const scalar = typeof answer === 'string' || typeof answer === 'number' ? String(answer) : null
  switch (question.kind) {
    case 'text':
      return scalar ?? { problem: 'Answer with text.' }
    case 'rating': {
      const rating = Number(scalar)
      return scalar !== null && Number.isInteger(rating) && rating >= 1 && rating <= 5
        ? rating
        : { problem: 'Answer with a rating from 1 to 5.' }
    }
    case 'single_choice':
      return scalar !== null && question.options.includes(scalar)
        ? scalar
        : { problem: `Answer with one of: ${question.options.join(', ')}.` }
    case 'multiple_choice':
      return Array.isArray(answer) &&
        new Set(answer).size === answer.length &&
        answer.every((a) => question.options.includes(a))
        ? answer
        : { problem: `Answer with a list of distinct choices from: ${question.options.join(', ')}.` }
  }
}
