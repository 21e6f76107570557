// Settings → Appearance: light, dark, or as the operating system is (the default); remembered on this device.
import { Radio, Stack, Text, useMantineColorScheme, type MantineColorScheme } from '@mantine/core'

const choices: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'As the system is' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

export function AppearanceSection() {
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  return (
    <Stack gap="xs" maw={720}>
      <Radio.Group
        label="Theme"
        description="The moon and sun button in the header switches between light and dark too."
        value={colorScheme}
        onChange={(value) => setColorScheme(value as MantineColorScheme)}
      >
        <Stack gap={6} mt="xs">
          {choices.map((choice) => (
            <Radio key={choice.value} value={choice.value} label={choice.label} />
          ))}
        </Stack>
      </Radio.Group>
      <Text size="sm" c="dimmed">
        Remembered on this device.
      </Text>
    </Stack>
  )
}
