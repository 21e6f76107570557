// The proofs of a deliverable, oldest first: who sent what and when, its metrics, its file (with a preview for
// images) and its hash — each hash covers the proof and the one before it, so an altered proof shows.
import { useState } from 'react'
import { Anchor, Group, Image, List, Stack, Text } from '@mantine/core'
import type { DeliverableDetail } from '../../../../shared/commerce/fulfillment-records'
import { benefitLabel } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { CopyValue } from '../../ui/CopyValue'
import { formatDateTime } from '../../ui/format'

type Proof = DeliverableDetail['proofs'][number]

const bytesWords = (size: number) =>
  size >= 1_048_576 ? `${(size / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`

export function ProofHistory({ deliverable }: { deliverable: DeliverableDetail }) {
  if (deliverable.proofs.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No proof yet.
      </Text>
    )
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Proofs
      </Text>
      <List aria-label="Proofs" size="sm" spacing="xs" listStyleType="none" pl={0}>
        {deliverable.proofs.map((proof) => (
          <List.Item key={proof.id}>
            <ProofItem deliverableId={deliverable.id} proof={proof} />
          </List.Item>
        ))}
      </List>
    </Stack>
  )
}

function ProofItem({ deliverableId, proof }: { deliverableId: string; proof: Proof }) {
  const [preview, setPreview] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const metrics = Object.entries(proof.metrics)
  async function show() {
    try {
      const file = await desktop.invoke('proof-file', { deliverableId, proofId: proof.id })
      setPreview(`data:${file.contentType};base64,${file.base64}`)
    } catch (failure) {
      setProblem(errorText(failure))
    }
  }
  return (
    <Stack gap={2}>
      <Text size="sm">
        Proof {proof.seq} · {formatDateTime(proof.submitted_at)} · {proof.submitted_by_name ?? 'Someone'} (
        {proof.submitted_side})
      </Text>
      {proof.file && (
        <Group gap={6}>
          <Text size="sm">
            File: {proof.file.name ?? 'proof'} ({bytesWords(proof.file.size)})
          </Text>
          {proof.file.content_type.startsWith('image/') && !preview && (
            <Anchor component="button" type="button" size="sm" onClick={() => void show()}>
              Preview
            </Anchor>
          )}
        </Group>
      )}
      {preview && (
        <Image src={preview} alt={`Proof ${proof.seq}: ${proof.file?.name ?? 'image'}`} mah={180} fit="contain" />
      )}
      {proof.asset_url && (
        <Text size="sm">
          Link:{' '}
          <Anchor href={proof.asset_url} target="_blank" rel="noreferrer">
            {proof.asset_url}
          </Anchor>
        </Text>
      )}
      {metrics.length > 0 && (
        <Text size="sm">
          {metrics.map(([key, value]) => `${benefitLabel(key)}: ${value.toLocaleString()}`).join(' · ')}
        </Text>
      )}
      {proof.note && <Text size="sm">“{proof.note}”</Text>}
      <Text size="xs" style={{ wordBreak: 'break-all' }}>
        <CopyValue label="SHA-256" value={proof.hash} />
      </Text>
      {problem && (
        <Text size="sm" c="red.8" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  )
}
