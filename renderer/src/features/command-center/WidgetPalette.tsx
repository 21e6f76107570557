// The palette of widgets to add: each preset in words; adding one places it below the others.
import { Button, Modal, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core'
import { widgetPresets, type WidgetPreset } from './widget-presets'

export function WidgetPalette({
  opened,
  onClose,
  onPick,
  busy,
}: {
  opened: boolean
  onClose: () => void
  onPick: (preset: WidgetPreset) => void
  busy: boolean
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a widget" size="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {widgetPresets.map((preset) => (
          <UnstyledButton
            key={preset.key}
            disabled={busy}
            onClick={() => onPick(preset)}
            aria-label={`Add ${preset.title}`}
            style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8, padding: 10 }}
          >
            <Stack gap={2}>
              <Text fw={600} size="sm">
                {preset.title}
              </Text>
              <Text size="xs" c="dimmed">
                {preset.description}
              </Text>
            </Stack>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Button variant="default" mt="md" onClick={onClose}>
        Close
      </Button>
    </Modal>
  )
}
