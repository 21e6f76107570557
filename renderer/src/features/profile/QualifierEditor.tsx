// A sponsor's qualifier questions for one event — what the booth asks at each capture: text, one choice,
// several choices or a 1-to-5 rating; required or not; retired (inactive) rather than deleted, so answers keep their question.
import { useState, type FormEvent } from 'react'
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type { SponsorChoice } from '../../../../shared/desktop-api'
import type { QuestionRecord } from '../../../../shared/leads/qualifier-question'
import { choicesOf, labelOf, qualifierKindTerms, type QualifierKind } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { notifyDone } from '../../ui/notify'
import { Loadable } from '../../ui/states'

const hasOptions = (kind: QualifierKind) => kind === 'single_choice' || kind === 'multiple_choice'

export function QualifierEditor({ sponsor, canEdit }: { sponsor: SponsorChoice; canEdit: boolean }) {
  const [eventId, setEventId] = useState(sponsor.events[0]?.event_id ?? '')
  const questions = useCommand('qualifiers-list', eventId ? { sponsorId: sponsor.id, eventId } : null)
  const [editing, setEditing] = useState<QuestionRecord | 'new' | null>(null)
  if (sponsor.events.length === 0) return null
  return (
    <Paper component="section" aria-labelledby="qualifiers-title" withBorder radius="md" p="md" maw={820} mt="md">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={3} size="h5" id="qualifiers-title">
            Booth questions
          </Title>
          <Text size="sm" c="dimmed">
            What your booth staff ask at each capture, per event.
          </Text>
        </div>
        <Group gap="xs">
          <NativeSelect
            aria-label="Event for questions"
            value={eventId}
            onChange={(e) => setEventId(e.currentTarget.value)}
            data={sponsor.events.map((event) => ({ value: event.event_id, label: event.title }))}
          />
          {canEdit && (
            <Button variant="light" onClick={() => setEditing('new')}>
              Add a question
            </Button>
          )}
        </Group>
      </Group>
      <Loadable query={questions} loading="Loading questions…">
        {({ questions: list }) => (
          <Stack gap="xs">
            {list.length === 0 && (
              <Text size="sm" c="dimmed">
                No questions yet: the booth captures without asking.
              </Text>
            )}
            <Stack component="ol" aria-label="Booth questions" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
              {[...list]
                .sort((a, b) => a.display_order - b.display_order)
                .map((question) => (
                  <Group
                    component="li"
                    key={question.id}
                    justify="space-between"
                    wrap="nowrap"
                    aria-label={question.prompt}
                  >
                    <div>
                      <Text size="sm" fw={600}>
                        {question.prompt}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {labelOf(qualifierKindTerms, question.kind)}
                        {question.options.length ? `: ${question.options.join(', ')}` : ''}
                      </Text>
                    </div>
                    <Group gap={4} wrap="nowrap">
                      {question.is_required && <Badge variant="light">Required</Badge>}
                      {!question.is_active && (
                        <Badge color="gray" variant="outline">
                          Retired
                        </Badge>
                      )}
                      {canEdit && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setEditing(question)}
                          aria-label={`Edit ${question.prompt}`}
                        >
                          Edit
                        </Button>
                      )}
                    </Group>
                  </Group>
                ))}
            </Stack>
            {editing && (
              <QuestionForm
                key={editing === 'new' ? 'new' : editing.id}
                existing={editing === 'new' ? null : editing}
                sponsorId={sponsor.id}
                eventId={eventId}
                onCancel={() => setEditing(null)}
                onSaved={(saved) => {
                  setEditing(null)
                  notifyDone(`Saved the question “${saved.prompt}”.`)
                  void questions.reload()
                }}
              />
            )}
          </Stack>
        )}
      </Loadable>
    </Paper>
  )
}

function QuestionForm({
  existing,
  sponsorId,
  eventId,
  onSaved,
  onCancel,
}: {
  existing: QuestionRecord | null
  sponsorId: string
  eventId: string
  onSaved: (question: QuestionRecord) => void
  onCancel: () => void
}) {
  const [prompt, setPrompt] = useState(existing?.prompt ?? '')
  const [kind, setKind] = useState<QualifierKind>(existing?.kind ?? 'text')
  const [options, setOptions] = useState<string[]>(existing?.options ?? [])
  const [isRequired, setIsRequired] = useState(existing?.is_required ?? false)
  const [isActive, setIsActive] = useState(existing?.is_active ?? true)
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    if (!prompt.trim()) return setError('Write the question.')
    if (hasOptions(kind) && options.length < 2) return setError('Give at least two choices (press Enter after each).')
    setIsSaving(true)
    try {
      onSaved(
        await desktop.invoke('qualifier-save', {
          sponsorId,
          eventId,
          ...(existing ? { id: existing.id } : {}),
          draft: {
            prompt: prompt.trim(),
            kind,
            options: hasOptions(kind) ? options : [],
            is_required: isRequired,
            is_active: isActive,
          },
        }),
      )
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-default-hover)">
      <form
        aria-label={existing ? `Edit question ${existing.prompt}` : 'New question'}
        onSubmit={(e) => void submit(e)}
      >
        <Stack gap="xs">
          <TextInput
            label="Question"
            required
            value={prompt}
            onChange={(e) => setPrompt(e.currentTarget.value)}
            data-autofocus
          />
          <NativeSelect
            label="Answer"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as QualifierKind)}
            data={choicesOf(qualifierKindTerms)}
            disabled={existing !== null}
            description={existing ? 'The kind of answer stays as it was asked' : undefined}
          />
          {hasOptions(kind) && (
            <TagsInput
              label="Choices"
              description="Press Enter after each"
              value={options}
              onChange={setOptions}
              maxTags={50}
            />
          )}
          <Group>
            <Checkbox label="Required" checked={isRequired} onChange={(e) => setIsRequired(e.currentTarget.checked)} />
            {existing && (
              <Checkbox
                label="Asked at the booth"
                checked={isActive}
                onChange={(e) => setIsActive(e.currentTarget.checked)}
              />
            )}
          </Group>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={isSaving}>
              Save question
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
