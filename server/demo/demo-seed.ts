// The demo organizer organization, its event and login, made once so `npm start` has something to show.
import type { Database } from '../db/database'
import { localSecret } from '../local-secret'
import { hashPassword } from '../auth/passwords'
import { findUserByEmail, insertMembership, insertOrganization, insertUser } from '../repositories/users-repository'
import { insertEvent } from '../repositories/events-repository'

export const demoEmail = 'demo@yardpass.local'

export interface DemoLogin {
  email: string
  password: string
  orgName: string
}

export async function ensureDemoData(db: Database, dataDir: string): Promise<DemoLogin> {
  // Made on this machine on first start, never in the repo.
  const password = localSecret(dataDir, 'demo-password', 9)
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
