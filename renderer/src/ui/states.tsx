// The three states every screen has besides its content: loading, empty and failed, said in words.
import type { ReactNode } from 'react'
import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react'

export function LoadingState({ label }: { label: string }) {
  return (
    <Group gap="xs" role="status" aria-live="polite" py="sm">
      <Loader size="sm" aria-hidden="true" />
      <Text size="sm">{label}</Text>
    </Group>
  )
}

export function EmptyState({
  title,
  description,
  action,
  icon,
}: {
  title: string
  description?: ReactNode
  action?: ReactNode
  icon?: ReactNode
}) {
  return (
    <Paper withBorder radius="md" p="lg">
      <Center>
        <Stack gap={6} align="center" maw={440} ta="center">
          <ThemeIcon variant="light" size="lg" radius="xl" aria-hidden="true">
            {icon ?? <IconInbox size={20} />}
          </ThemeIcon>
          <Text fw={600}>{title}</Text>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          {action}
        </Stack>
      </Center>
    </Paper>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
      <Group justify="space-between" gap="sm">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="compact-sm" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  )
}

/** A command's answer in one of its states: loading, failed (with retry), empty, or the content. */
export function Loadable<T>({
  query,
  loading,
  isEmpty,
  empty,
  children,
}: {
  query: { data: T | null; error: string | null; reload?: () => void }
  loading: string
  isEmpty?: (data: T) => boolean
  empty?: ReactNode
  children: (data: T) => ReactNode
}) {
  if (query.error && query.data === null) return <ErrorState message={query.error} onRetry={query.reload} />
  if (query.data === null) return <LoadingState label={loading} />
  if (isEmpty?.(query.data) && empty) return <>{empty}</>
  return <>{children(query.data)}</>
}
