// A screen's heading (its accessible name: sections are labelled by it), badges beside it, actions on the right.
import type { ReactNode } from 'react'
import { Group, Text, Title } from '@mantine/core'

export function PageHeader({
  id,
  title,
  description,
  badges,
  actions,
}: {
  id: string
  title: string
  description?: ReactNode
  badges?: ReactNode
  actions?: ReactNode
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm" wrap="wrap">
      <div>
        <Group gap="sm">
          <Title order={2} id={id}>
            {title}
          </Title>
          {badges}
        </Group>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  )
}
