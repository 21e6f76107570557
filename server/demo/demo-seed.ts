// The demo organizer organization, its event and login, made once so `npm start` has something to show;
// the demo user also owns a sponsor at the event, with an attendee directory, so booth mode can be tried,
// and the event has a published package for the commerce screens.
import type { Database } from '../db/database'
import { localSecret } from '../local-secret'
import { hashPassword } from '../auth/passwords'
import { findUserByEmail, insertMembership, insertOrganization, insertUser } from '../repositories/users-repository'
import { insertEvent } from '../repositories/events-repository'
import { insertTier } from '../repositories/sponsor-tiers-repository'
import { insertSponsor, insertSponsorship } from '../repositories/sponsors-repository'
import { upsertAttendees } from '../repositories/attendees-repository'
import { insertPackage, publishPackage } from '../repositories/packages-repository'
import { eventAudienceSnapshot } from '../commerce/audience-snapshot'

const demoPeople = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Tim Berners-Lee',
  'Margaret Hamilton',
  'Linus Torvalds',
  'Radia Perlman',
  'Dennis Ritchie',
  'Barbara Liskov',
  'Ken Thompson',
  'Frances Allen',
]

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
    const event = await insertEvent(tx, orgId, {
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
    const tier = await insertTier(tx, orgId, event.id, {
      name: 'Gold',
      displayOrder: 1,
      color: '#FFD700',
      priceCents: null,
      benefits: ['Booth', 'Lead capture'],
      isActive: true,
    })
    const sponsorOrgId = await insertOrganization(tx, { name: 'Demo Sponsor Co', kind: 'sponsor' })
    await insertMembership(tx, { orgId: sponsorOrgId, userId: user.id, role: 'owner' })
    const sponsor = await insertSponsor(tx, {
      orgId: sponsorOrgId,
      managedByOrgId: null,
      companyName: 'Demo Sponsor Co',
      contactEmail: demoEmail,
      website: null,
      description: null,
      category: null,
    })
    await insertSponsorship(tx, {
      organizerOrgId: orgId,
      eventId: event.id,
      sponsor,
      tierId: tier!.id,
      isFeatured: true,
      boothLocation: 'Hall A, booth 12',
    })
    // Badges DEMO-001 … DEMO-012; the last two did not agree to share their details, so capturing them is refused.
    await upsertAttendees(
      tx,
      orgId,
      event.id,
      demoPeople.map((name, i) => ({
        badgeCode: `DEMO-${String(i + 1).padStart(3, '0')}`,
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
        company: 'Example Corp',
        title: null,
        consentToShare: i < demoPeople.length - 2,
      })),
    )
    // A published package, so the marketplace, proposals and escrow can be tried at once (payouts: "Set up payouts").
    const pkg = await insertPackage(
      tx,
      {
        orgId,
        eventId: event.id,
        templateId: null,
        title: 'Gold Stage Sponsor',
        tier: 'gold',
        priceCents: 150000,
        currency: 'USD',
        inventory: 3,
        releaseCondition: null,
        benefits: { logo_stage: true, booth: '10x10', speaking_slot: '15min', social_posts: 5 },
        availableFrom: null,
        availableUntil: null,
        maxPerSponsor: 1,
        exclusivity: false,
        audienceSnapshot: {},
        categoryAllow: [],
        sponsorConflicts: [],
        visibility: 'public',
      },
      user.id,
    )
    await publishPackage(tx, pkg.id, orgId, await eventAudienceSnapshot(tx, event.id))
  })
  return { email: demoEmail, password, orgName }
}
