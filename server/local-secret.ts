// Secrets made on this machine for embedded mode, kept (0600) in the data folder, never in the repo.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Returns the secret stored in dataDir/name, making one of `bytes` random bytes the first time. */
export function localSecret(dataDir: string, name: string, bytes: number): string {
  const file = join(dataDir, name)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(bytes).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
