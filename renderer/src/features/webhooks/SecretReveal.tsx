// A new endpoint secret, shown once: the server never shows it again and the desktop does not keep it.
import { Alert, Button, Modal, Stack, Text } from '@mantine/core'
import { CopyValue } from '../../ui/CopyValue'

export function SecretReveal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title="Your signing secret" closeOnClickOutside={false}>
      <Stack gap="sm">
        <Alert color="yellow" role="status">
          Copy it now: it is shown only this once. Your receiver uses it to check that each webhook came from Yardpass.
        </Alert>
        {secret && <CopyValue label="Secret" value={secret} />}
        <Text size="sm">Keep it in your receiver's secret store. If it leaks, rotate it.</Text>
        <Button onClick={onClose}>I have stored it</Button>
      </Stack>
    </Modal>
  )
}
