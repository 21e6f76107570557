// Sending a proof: a file dropped or chosen (an image, a PDF or a video; its type is judged by the server from its
// bytes), or a link to where it is published, with the figures it shows (impressions, clicks…) and a note.
import { useRef, useState, type FormEvent } from 'react'
import { Button, Group, NumberInput, Paper, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { IconUpload } from '@tabler/icons-react'
import type { DeliverableDetail } from '../../../../shared/commerce/fulfillment-records'
import { desktop, errorText } from '../../desktop/desktop-client'
import { notifyDone } from '../../ui/notify'

const accepted = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
]
/** The figures a proof usually carries; the server keeps them by these names. */
const metricFields = [
  { key: 'impressions', label: 'Impressions' },
  { key: 'clicks', label: 'Clicks' },
  { key: 'engagement_rate', label: 'Engagement rate (0 to 1)' },
] as const

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function ProofForm({
  deliverableId,
  onSubmitted,
}: {
  deliverableId: string
  onSubmitted: (detail: DeliverableDetail) => void
}) {
  const [file, setFile] = useState<File | null>(null)
  const [link, setLink] = useState('')
  const [metrics, setMetrics] = useState<Record<string, number | ''>>({})
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [isSending, setIsSending] = useState(false)
  const openChooser = useRef<() => void>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setProblem(null)
    if (!file && !link.trim()) return setProblem('Add a file, or the link where the proof is published.')
    setIsSending(true)
    try {
      const figures = Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== '')) as Record<string, number>
      const detail = await desktop.invoke('deliverable-proof-submit', {
        id: deliverableId,
        ...(file ? { file: { name: file.name, base64: await base64Of(file) } } : {}),
        ...(link.trim() ? { assetUrl: link.trim() } : {}),
        metrics: figures,
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      setFile(null)
      setLink('')
      setMetrics({})
      setNote('')
      notifyDone('Proof sent: it is now waiting for review.')
      onSubmitted(detail)
    } catch (failure) {
      setProblem(errorText(failure))
    } finally {
      setIsSending(false)
    }
  }

  return (
    <Paper withBorder radius="md" p="sm">
      <form aria-label="Send a proof" onSubmit={(e) => void submit(e)}>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Send a proof
          </Text>
          <Dropzone
            openRef={openChooser}
            onDrop={(files) => setFile(files[0] ?? null)}
            onReject={() => setProblem('That file is not an image, a PDF or a video, or it is too large.')}
            accept={accepted}
            maxFiles={1}
            multiple={false}
            activateOnClick={false}
            p="sm"
          >
            <Group gap="xs" justify="center" mih={48}>
              <IconUpload size={20} aria-hidden="true" />
              <Text size="sm" style={{ pointerEvents: 'none' }}>
                {file ? `${file.name} — drop another to replace it` : 'Drop a photo, PDF or video here, or'}
              </Text>
              <Button size="compact-sm" variant="default" onClick={() => openChooser.current?.()}>
                {file ? 'Choose another file' : 'Choose a file'}
              </Button>
            </Group>
          </Dropzone>
          <TextInput
            label="Or a link to it"
            placeholder="https://…"
            value={link}
            onChange={(e) => setLink(e.currentTarget.value)}
          />
          <Group grow gap="xs" align="flex-start">
            {metricFields.map((field) => (
              <NumberInput
                key={field.key}
                label={field.label}
                min={0}
                value={metrics[field.key] ?? ''}
                onChange={(value) => setMetrics((m) => ({ ...m, [field.key]: typeof value === 'number' ? value : '' }))}
                thousandSeparator=","
                decimalScale={field.key === 'engagement_rate' ? 4 : 0}
              />
            ))}
          </Group>
          <Textarea label="Note" autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          {problem && (
            <Text size="sm" c="red.8" role="alert">
              {problem}
            </Text>
          )}
          <Button type="submit" loading={isSending} style={{ alignSelf: 'flex-start' }}>
            Send proof
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
