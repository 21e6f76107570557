// A screen the navigation offers that is not built yet: says so plainly instead of showing a broken page.
import { Stack, Title, Text, ThemeIcon, Paper } from '@mantine/core'
import type { Screen } from './navigation'

export function ComingSoon({ screen }: { screen: Screen }) {
  const Icon = screen.icon
  return (
    <section aria-labelledby="coming-soon-title">
      <Paper withBorder p="xl" radius="md" maw={560}>
        <Stack gap="sm" align="flex-start">
          <ThemeIcon size="xl" variant="light" aria-hidden="true">
            <Icon size={24} />
          </ThemeIcon>
          <Title order={2} id="coming-soon-title">
            {screen.label}
          </Title>
          <Text>{screen.description}: this screen is coming soon.</Text>
          <Text c="dimmed" size="sm">
            Everything else keeps working in the meantime; press Ctrl+K to jump to another screen.
          </Text>
        </Stack>
      </Paper>
    </section>
  )
}
