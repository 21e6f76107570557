// Outgoing email through nodemailer: SMTP when SMTP_URL is set, otherwise .eml files in DATA_DIR/outbox
// that the operator can open. Message bodies may carry secrets (invitation links): never log them.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import nodemailer from 'nodemailer'
import type { ServerConfig } from '../config'

export interface MailMessage {
  to: string
  subject: string
  text: string
  /** Extra headers (List-Unsubscribe and List-Unsubscribe-Post on notification emails). */
  headers?: Record<string, string>
}

export interface Delivery {
  via: 'smtp' | 'outbox'
  /** The outbox file, when written there. */
  path?: string
}

export interface Mailer {
  send(message: MailMessage): Promise<Delivery>
  close(): void
}

export const outboxDir = (config: Pick<ServerConfig, 'dataDir'>) => join(config.dataDir, 'outbox')

export function createMailer(config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'dataDir'>): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl)
    return {
      send: async (message) => {
        await transport.sendMail({ from: config.mailFrom, ...message })
        return { via: 'smtp' }
      },
      close: () => transport.close(),
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    send: async (message) => {
      const info = await transport.sendMail({ from: config.mailFrom, ...message })
      const dir = outboxDir(config)
      await mkdir(dir, { recursive: true, mode: 0o700 })
      const path = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`)
      await writeFile(path, info.message as Buffer, { mode: 0o600 })
      return { via: 'outbox', path }
    },
    close: () => {},
  }
}
