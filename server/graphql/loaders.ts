// Per-request data loaders: every nested field of a list asks once per request, in one statement, whatever
// the list's length (no N+1). They read what a parent field already authorized: a sponsorship the caller
// saw brings its tier, event and company; a lead its capturer's name.
import DataLoader from 'dataloader'
import type { Database } from '../db/database'
import type { CallerTenant } from '../sponsors/sponsor-access'
import { noLeads, type CountedSponsorship } from '../sponsors/sponsor-service'
import { tiersByIds, type SponsorTier } from '../repositories/sponsor-tiers-repository'
import { eventSummaries, type EventSummary } from '../repositories/events-repository'
import { userNames } from '../repositories/users-repository'
import {
  eventLeadCountsMany,
  listSponsorEvents,
  listSponsorshipsOfMany,
  sponsorsByIds,
  type Sponsor,
  type SponsorEvent,
} from '../repositories/sponsors-repository'

/** A loader answering each key from one batch query's rows, matched by `keyOf` (null when missing). */
function byKey<K, V>(batch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return new DataLoader<K, V | null>(async (keys) => {
    const found = new Map((await batch(keys)).map((value) => [keyOf(value), value]))
    return keys.map((key) => found.get(key) ?? null)
  })
}

/** Like byKey, but each key answers with every matching row. */
function groupedBy<K, V>(batch: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]))
    for (const value of await batch(keys)) groups.get(keyOf(value))?.push(value)
    return keys.map((key) => groups.get(key)!)
  })
}

export function createLoaders(db: Database) {
  const organizerSponsorships = new Map<string, DataLoader<string, CountedSponsorship[]>>()
  return {
    tier: byKey<string, SponsorTier>(
      (ids) => tiersByIds(db, ids),
      (t) => t.id,
    ),
    event: byKey<string, EventSummary>(
      (ids) => eventSummaries(db, ids),
      (e) => e.id,
    ),
    sponsor: byKey<string, Sponsor>(
      (ids) => sponsorsByIds(db, ids),
      (s) => s.id,
    ),
    userName: byKey<string, { id: string; name: string }>(
      (ids) => userNames(db, ids),
      (u) => u.id,
    ),
    /** A sponsor's sponsorships at every event, as its own people see them. */
    sponsorEvents: groupedBy<string, SponsorEvent>(
      (ids) => listSponsorEvents(db, [...ids]),
      (e) => e.sponsorId,
    ),
    /** Sponsors' sponsorships at one organizer's events, with lead counts (in that organizer's tenant). */
    organizerSponsorships(tenant: CallerTenant) {
      let loader = organizerSponsorships.get(tenant.orgId)
      if (!loader) {
        loader = groupedBy<string, CountedSponsorship>(
          (ids) =>
            db.tenantTransaction(tenant, async (tx) => {
              const sponsorships = await listSponsorshipsOfMany(tx, tenant.orgId, ids)
              const counts = await eventLeadCountsMany(tx, [...new Set(sponsorships.map((s) => s.eventId))])
              return sponsorships.map((s) => ({
                ...s,
                leadCounts: counts.get(s.eventId)?.get(s.sponsor.id) ?? noLeads,
              }))
            }),
          (s) => s.sponsor.id,
        )
        organizerSponsorships.set(tenant.orgId, loader)
      }
      return loader
    },
  }
}

export type Loaders = ReturnType<typeof createLoaders>
