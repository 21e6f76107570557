// Property: three devices of one sponsor (an admin and two representatives) capture and edit leads in a
// random interleaving, each going offline and online at random and syncing in random order. Afterwards
// every device holds exactly the server's leads, and every edit any device made is in the lead or in its
// history — nothing lost, whatever the order. PROPERTY_RUNS runs more (default 10); PROPERTY_SEED (and PROPERTY_PATH) replay a failure.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignedUp } from '../../../support/api-client'
import { backends } from '../../../support/databases'
import { addAttendees, representative } from '../../../support/lead-fixtures'
import { startDevices, type Device, type DeviceFleet } from '../../../support/multi-device'
import { sponsorWorld, type SponsorWorld } from '../../../support/sponsor-fixtures'
import { startTestServer, type TestServer } from '../../../support/test-server'

const backend = backends.at(-1)!
const runs = Number(process.env.PROPERTY_RUNS ?? 10)
const badgesPerRun = 3
const followUps = ['contacted', 'qualified', 'not_interested', 'converted'] as const

type Step =
  | { kind: 'capture'; device: number; badge: number; withNote: boolean }
  | {
      kind: 'edit'
      device: number
      lead: number
      change: 'star' | 'unstar' | 'archive' | 'unarchive' | 'note' | (typeof followUps)[number]
    }
  | { kind: 'network'; device: number; isOnline: boolean }
  | { kind: 'sync'; device: number }

const device = fc.integer({ min: 0, max: 2 })
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('capture' as const),
      device,
      badge: fc.integer({ min: 0, max: badgesPerRun - 1 }),
      withNote: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      lead: fc.nat(),
      change: fc.constantFrom('star', 'unstar', 'archive', 'unarchive', 'note', ...followUps),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('network' as const), device, isOnline: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), device }) },
)

interface FieldEdit {
  leadId: string
  field: 'is_starred' | 'is_archived' | 'follow_up_status'
  value: unknown
}

type Lead = Record<string, unknown> & {
  id: string
  note_entries?: { text: string }[]
  history?: { field: string; value: unknown }[]
}

describe(`three devices editing one sponsor's leads in any order (${backend})`, () => {
  let server: TestServer
  let world: SponsorWorld
  let fleet: DeviceFleet
  let run = 0

  beforeAll(async () => {
    // Hundreds of syncs a minute from one user: the per-user request limit is not what this tests.
    server = await startTestServer({ backend, env: { RATE_LIMIT_PER_MINUTE: '1000000' } })
    world = await sponsorWorld(server.url, 'Merge Co')
    const people: SignedUp[] = [
      world.sponsorOwner,
      await representative(server.url, server.db, world, 'representative', 'Rita Rep'),
      await representative(server.url, server.db, world, 'representative', 'Sam Rep'),
    ]
    fleet = await startDevices(server.url, 3)
    for (const [i, person] of people.entries()) await fleet.devices[i]!.signIn(person)
  }, 120_000)
  afterAll(async () => {
    await fleet?.close()
    await server?.close()
  })

  it('converges on the server and keeps every edit', { timeout: 600_000 }, async () => {
    const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined
    const path = process.env.PROPERTY_PATH
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 24 }), async (steps) => {
        run++
        const prefix = `P${run}-`
        const badges = Array.from({ length: badgesPerRun }, (_, i) => `${prefix}${i}`)
        await addAttendees(
          server.url,
          world,
          badges.map((badge_code) => ({ badge_code, name: `Person ${badge_code}`, consent_to_share: true })),
        )
        for (const d of fleet.devices) {
          d.online()
          await d.sync()
        }
        const notes: string[] = []
        const fieldEdits: FieldEdit[] = []
        for (const [index, s] of steps.entries()) {
          const d = fleet.devices[s.device]!
          if (s.kind === 'network') {
            if (s.isOnline) d.online()
            else d.offline()
          } else if (s.kind === 'sync') await d.sync()
          else if (s.kind === 'capture') {
            const note = s.withNote ? `capture note ${prefix}${index}` : undefined
            await d.capture(world, { badgeCode: badges[s.badge]!, ...(note ? { notes: note } : {}) })
            if (note) notes.push(note)
          } else {
            const known = (await d.leads(world)).filter((lead) => String(lead.badge_code).startsWith(prefix))
            if (known.length === 0) continue
            const lead = known[s.lead % known.length]!
            await applyEdit(d, String(lead.id), s.change, `note ${prefix}${index} by ${d.name}`, notes, fieldEdits)
          }
        }
        // The network comes back everywhere; devices sync in turn until nothing is left to push.
        for (const d of fleet.devices) d.online()
        for (let round = 0; round < 10; round++) {
          for (const d of fleet.devices) await d.sync()
          if ((await Promise.all(fleet.devices.map((d) => d.status()))).every((status) => status.pending === 0)) break
        }
        // Every change is on the server now: one more pull each brings every device up to date.
        for (const d of fleet.devices) await d.sync()

        const onServer = await serverLeads(prefix)
        for (const d of fleet.devices) {
          const status = await d.status()
          expect(status.pending, `${d.name} still has changes to push: ${JSON.stringify(status)}`).toBe(0)
          const onDevice = (await d.leads(world)).filter((lead) => String(lead.badge_code).startsWith(prefix)) as Lead[]
          expect(onDevice.map(comparable).sort(byId), `${d.name} differs from the server`).toEqual(
            onServer.map(comparable).sort(byId),
          )
        }
        const allNotes = onServer.flatMap((lead) => (lead.note_entries ?? []).map((entry) => entry.text))
        for (const note of notes) expect(allNotes, 'a note was lost').toContain(note)
        for (const edit of fieldEdits) {
          const lead = onServer.find((l) => l.id === edit.leadId)!
          const kept =
            lead[edit.field] === edit.value ||
            (lead.history ?? []).some((h) => h.field === edit.field && h.value === edit.value)
          expect(
            kept,
            `${edit.field} = ${String(edit.value)} on ${edit.leadId} is neither the value nor in the history`,
          ).toBe(true)
        }
      }),
      { numRuns: runs, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}), endOnFailure: true },
    )
  })

  async function applyEdit(
    d: Device,
    leadId: string,
    change: Extract<Step, { kind: 'edit' }>['change'],
    noteText: string,
    notes: string[],
    fieldEdits: FieldEdit[],
  ) {
    if (change === 'note') {
      await d.edit(world, leadId, { noteAdd: noteText })
      notes.push(noteText)
    } else if (change === 'star' || change === 'unstar') {
      await d.edit(world, leadId, { starred: change === 'star' })
      fieldEdits.push({ leadId, field: 'is_starred', value: change === 'star' })
    } else if (change === 'archive' || change === 'unarchive') {
      await d.edit(world, leadId, { archived: change === 'archive' })
      fieldEdits.push({ leadId, field: 'is_archived', value: change === 'archive' })
    } else {
      await d.edit(world, leadId, { followUpStatus: change })
      fieldEdits.push({ leadId, field: 'follow_up_status', value: change })
    }
  }

  async function serverLeads(prefix: string): Promise<Lead[]> {
    const { rows } = await server.db.query<Lead>(`SELECT * FROM leads WHERE sponsor_id = $1 AND badge_code LIKE $2`, [
      world.sponsorId,
      `${prefix}%`,
    ])
    return rows
  }
})

/** What must agree between a device and the server. */
function comparable(lead: Lead) {
  return {
    id: lead.id,
    is_starred: lead.is_starred,
    is_archived: lead.is_archived,
    follow_up_status: lead.follow_up_status,
    capture_count: lead.capture_count,
    intent_score: lead.intent_score,
    notes: (lead.note_entries ?? []).map((entry) => entry.text).sort(),
  }
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
