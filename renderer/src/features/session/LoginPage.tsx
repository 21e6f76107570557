// Sign in to a sync server: its URL, email and password.
import { useState, type FormEvent } from 'react'
import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import type { SessionStatus } from '../../../../shared/desktop-api'
import { desktop, errorText } from '../../desktop/desktop-client'

export function LoginPage({
  defaultServerUrl,
  onSignedIn,
}: {
  defaultServerUrl: string
  onSignedIn: (status: SessionStatus) => void
}) {
  const [serverUrl, setServerUrl] = useState(defaultServerUrl)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setIsBusy(true)
    setError(null)
    try {
      onSignedIn(await desktop.invoke('session-login', { serverUrl, email, password }))
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <Center component="main" mih="100vh" bg="var(--mantine-color-default-hover)">
      <Paper
        component="form"
        withBorder
        shadow="sm"
        radius="md"
        p="xl"
        w={400}
        onSubmit={submit}
        aria-labelledby="login-title"
      >
        <Stack gap="md">
          <div>
            <Title order={1} size="h3" id="login-title">
              Yardpass Command Center
            </Title>
            <Text size="sm" c="dimmed">
              Sign in to your sync server
            </Text>
          </div>
          <TextInput
            label="Server URL"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.currentTarget.value)}
            required
            autoComplete="url"
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            autoComplete="username"
          />
          <TextInput
            label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            autoComplete="current-password"
          />
          {error && (
            <Alert color="red" role="alert" variant="light">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={isBusy} fullWidth>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
