// The sponsor's qualifier questions at capture: text, one choice, several choices, or a 1–5 rating.
import { Checkbox, Fieldset, Group, NativeSelect, Rating, Stack, Text, TextInput } from '@mantine/core'
import type { QuestionRecord } from '../../../../shared/leads/qualifier-question'

export type Answers = Record<string, string | string[] | number>

export function QualifierFields({
  questions,
  answers,
  onChange,
}: {
  questions: QuestionRecord[]
  answers: Answers
  onChange: (answers: Answers) => void
}) {
  const set = (id: string, value: string | string[] | number | undefined) => {
    const next = { ...answers }
    if (value === undefined || value === '' || value === 0 || (Array.isArray(value) && value.length === 0))
      delete next[id]
    else next[id] = value
    onChange(next)
  }
  return (
    <Fieldset legend="Qualifiers" variant="unstyled" p={0}>
      <Stack gap={6}>
        {questions.map((q) => {
          const prompt = `${q.prompt}${q.is_required ? ' *' : ''}`
          if (q.kind === 'single_choice') {
            return (
              <NativeSelect
                key={q.id}
                size="xs"
                label={prompt}
                value={String(answers[q.id] ?? '')}
                onChange={(e) => set(q.id, e.currentTarget.value)}
                data={[{ value: '', label: '—' }, ...q.options]}
              />
            )
          }
          if (q.kind === 'multiple_choice') {
            const chosen = (answers[q.id] as string[] | undefined) ?? []
            return (
              <Checkbox.Group key={q.id} size="xs" label={prompt} value={chosen} onChange={(value) => set(q.id, value)}>
                <Group gap="sm" mt={2}>
                  {q.options.map((o) => (
                    <Checkbox key={o} value={o} label={o} />
                  ))}
                </Group>
              </Checkbox.Group>
            )
          }
          if (q.kind === 'rating') {
            return (
              <div key={q.id}>
                <Text size="xs" fw={500} id={`rating-${q.id}`}>
                  {prompt}
                </Text>
                <Rating
                  aria-labelledby={`rating-${q.id}`}
                  value={Number(answers[q.id] ?? 0)}
                  onChange={(value) => set(q.id, value)}
                />
              </div>
            )
          }
          return (
            <TextInput
              key={q.id}
              size="xs"
              label={prompt}
              value={String(answers[q.id] ?? '')}
              maxLength={2000}
              onChange={(e) => set(q.id, e.currentTarget.value)}
            />
          )
        })}
      </Stack>
    </Fieldset>
  )
}
