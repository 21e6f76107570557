// The demo organizer organization, its event and login, made once so `npm start` has something to show.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../db/database'
import { hashPassword } from '../auth/passwords'
import { findUserByEmail, insertMembership, insertOrganization, insertUser } from '../repositories/users-repository'
import { insertEvent } from '../repositories/events-repository'

export const demoEmail = 'demo@yardpass.local'

export interface DemoLogin {
  email: string
  password: string
  orgName: string
}

// The password is made on this machine and kept (0600) beside the data, never in the repo.
function demoPassword(dataDir: string): string {
  const file = join(dataDir, 'demo-password')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const password = randomBytes(9).toString('base64url')
  writeFileSync(file, password, { mode: 0o600 })
  return password
}

export async function ensureDemoData(db: Database, dataDir: string): Promise<DemoLogin> {
  const password = demoPassword(dataDir)
  const orgName = 'Demo Events Co'
  if (await findUserByEmail(db, demoEmail)) return { email: demoEmail, password, orgName }
  const passwordHash = await hashPassword(password)
  await db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: demoEmail, name: 'Demo Organizer', passwordHash })
    if (!user) return
    const orgId = await insertOrganization(tx, { name: orgName, kind: 'organizer' })
    await insertMembership(tx, { orgId, userId: user.id, role: 'owner' })
    const start = new Date(Date.now() + 30 * 86_400_000)
    await insertEvent(tx, orgId, {
      title: 'Yardpass Demo Summit',
      startAt: start,
      endAt: new Date(start.getTime() + 2 * 86_400_000),
      city: 'Los Angeles',
      region: 'CA',
      country: 'US',
      categories: ['technology', 'music'],
      targetAudience: { age_buckets: ['25-34', '35-44'], interests: ['startups', 'live music'] },
      brandSafetyTags: ['family-friendly'],
      capacity: 2400,
    })
  })
  return { email: demoEmail, password, orgName }
}
