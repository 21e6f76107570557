// A technical identifier (a Stripe transfer or payment id) kept out of the sentence: shown small, with a copy button.
import { ActionIcon, Code, CopyButton, Group, Text, Tooltip } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'

export function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <Group gap={4} wrap="nowrap" component="span" display="inline-flex">
      <Text span size="xs" c="dimmed">
        {label}
      </Text>{' '}
      <Code>{value}</Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy the ${label.toLowerCase()}`} withArrow>
            <ActionIcon size="sm" variant="subtle" aria-label={`Copy the ${label.toLowerCase()}`} onClick={copy}>
              {copied ? <IconCheck size={14} aria-hidden="true" /> : <IconCopy size={14} aria-hidden="true" />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  )
}
