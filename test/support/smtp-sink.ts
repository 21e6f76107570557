// A real SMTP server on loopback that keeps every message it receives, for tests of outgoing mail.
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'

export interface ReceivedMail {
  to: string[]
  raw: string
}

export interface SmtpSink {
  url: string
  messages: ReceivedMail[]
  /** Resolves with the next message to that address (already received or yet to come). */
  nextTo(address: string, timeoutMs?: number): Promise<ReceivedMail>
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = []
  const taken = new Set<ReceivedMail>()
  const waiters: (() => void)[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const raw = readableMail(Buffer.concat(chunks).toString('utf8'))
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw })
        waiters.splice(0).forEach((wake) => wake())
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async nextTo(address, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = messages.find((m) => !taken.has(m) && m.to.includes(address.toLowerCase()))
        if (found) {
          taken.add(found)
          return found
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The invitation token in an invitation email. */
export function invitationToken(mail: ReceivedMail): string {
  const match = mail.raw.match(/paste this code in the app: ([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no invitation code in:\n${mail.raw}`)
  return match[1]!
}

/** Undoes quoted-printable soft line breaks and escaped '=' so tests can read links whole. */
export function readableMail(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
}
