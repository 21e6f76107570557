// What is wrong with one attendee row, said as a person reads it ("the email address is not valid"), never as the
// validator words it (`email must match format "email"`). The import's problems keep their line numbers beside it.

/** Each column as a person names it. */
export const columnWords: Record<string, string> = {
  badge_code: 'the badge code',
  name: 'the name',
  email: 'the email address',
  company: 'the company',
  title: 'the job title',
  consent_to_share: 'the consent',
}

interface RowError {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
}

/** One sentence for the first thing wrong with a row's field. */
export function rowProblemWords(error: RowError): string {
  const column = error.instancePath.replace(/^\//, '')
  const subject = columnWords[column] ?? 'this row'
  const limit = typeof error.params.limit === 'number' ? error.params.limit : null
  switch (error.keyword) {
    case 'minLength':
    case 'required':
      return `${subject} is empty`
    case 'pattern':
      return `${subject} is only spaces`
    case 'maxLength':
      return limit === null ? `${subject} is too long` : `${subject} is longer than ${limit} characters`
    case 'format':
    case 'anyOf':
      return `${subject} is not valid`
    default:
      return `${subject} is not valid`
  }
}

export const consentWords = (value: string | undefined) =>
  `the consent column says "${value ?? ''}"; write yes or no (true/false and 1/0 work too)`

export const repeatedBadgeWords = (badgeCode: string, firstLine: number) =>
  `the badge code "${badgeCode}" is already on line ${firstLine}`
