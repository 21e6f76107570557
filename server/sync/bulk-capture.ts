// A pushed backlog of captures for one sponsor, applied in one tenant transaction with set-based reads and
// writes. The outcome is the same as applying them one by one in id order — merges, repeat visits,
// replays, rejections with reasons — and the device's cursor moves in the same transaction. If another
// writer touched the same leads meanwhile, the whole batch rolls back and the caller applies it one by one.
import type { NoteEntry, QualifierAnswers } from '../../shared/leads/lead-record'
import type { CaptureLeadArgs, MutationResult } from '../../shared/sync/sync-protocol'
import type { Database } from '../db/database'
import type { CaptureResult } from '../leads/capture-lead'
import {
  captureClock,
  captureNote,
  firstCapture,
  interactionOf,
  repeatCapture,
  requireBadgeOrManual,
  requireCapturable,
} from '../leads/capture-rules'
import { checkAnswers } from '../leads/qualifier-answers'
import type { DeviceClient } from '../repositories/sync-repository'
import type { Lead } from '../repositories/leads-repository'
import { badgeConsent, userName } from '../repositories/leads-repository'
import {
  activeQuestions,
  advanceClientOver,
  batchContext,
  insertCaptures,
  insertLeads,
  insertRejections,
  leadsOfAttendees,
  updateLeads,
} from '../repositories/bulk-leads-repository'
import { AppError } from '../errors'

export interface BatchItem {
  mutationId: number
  args: CaptureLeadArgs
}

/** Raised to roll the batch back: someone else changed these leads; apply one by one instead. */
export class BatchConflict extends Error {}

export async function applyCaptureBatch(
  db: Database,
  batch: { client: DeviceClient; tenant: { orgId: string; userId: string }; sponsorId: string; items: BatchItem[] },
): Promise<{ results: MutationResult[]; changes: CaptureResult[] }> {
  const { client, tenant, sponsorId, items } = batch
  return db.tenantTransaction(tenant, async (tx) => {
    if (!(await advanceClientOver(tx, client, items[0]!.mutationId, items.at(-1)!.mutationId)))
      throw new BatchConflict()
    const context = await batchContext(
      tx,
      sponsorId,
      items.map((item, i) => ({
        i,
        eventId: item.args.event_id,
        badgeCode: item.args.badge_code ?? null,
        captureId: item.args.lead_id,
      })),
    )
    const attendeeIds = [...new Set(context.flatMap((c) => (c.attendee ? [c.attendee.id] : [])))]
    const leads = new Map((await leadsOfAttendees(tx, sponsorId, attendeeIds)).map((lead) => [lead.attendeeId!, lead]))
    const questions = await activeQuestions(tx, sponsorId, [...new Set(items.map((item) => item.args.event_id))])
    const editor = { userId: tenant.userId, name: await userName(tx, tenant.userId), deviceId: client.clientId }
    // The whole backlog arrived at once: one receive time for all of it.
    const receivedAt = new Date()

    const existingCounts = new Map([...leads.values()].map((lead) => [lead.id, lead.captureCount]))
    const created = new Map<string, Lead>()
    const touched = new Map<
      string,
      {
        lead: Lead
        outcome: CaptureResult['outcome']
        previousLevel: CaptureResult['previousLevel']
        organizerOrgId: string | null
      }
    >()
    const captures: Parameters<typeof insertCaptures>[2] = []
    // The notes and answers this batch adds to each existing lead, added in the database to the lead as it is then.
    const addedNotes = new Map<string, NoteEntry[]>()
    const addedAnswers = new Map<string, QualifierAnswers>()
    const results: MutationResult[] = []
    const rejections: { mutationId: number; code: string; reason: string }[] = []
    const seenCaptureIds = new Set<string>()

    for (const [i, item] of items.entries()) {
      const { args } = item
      const ctx = context[i]!
      try {
        if (ctx.isReplay || seenCaptureIds.has(args.lead_id)) {
          results.push({ mutation_id: item.mutationId, status: 'duplicate' })
          continue
        }
        requireBadgeOrManual(args)
        await requireCapturable(
          { isSponsoring: ctx.organizerOrgId !== null, isArchived: ctx.isArchived ?? false, attendee: ctx.attendee },
          args,
          (badgeCode) => badgeConsent(tx, args.event_id, badgeCode),
        )
        const clock = captureClock(new Date(args.captured_at), ctx.eventCreatedAt, receivedAt)
        const at = clock.at
        const interaction = interactionOf(args.interaction, clock, tenant.userId)
        const notes = captureNote(args.lead_id, args.notes, editor, at)
        const existing = ctx.attendee ? leads.get(ctx.attendee.id) : undefined
        const answers: QualifierAnswers = checkAnswers(
          questions.filter((q) => q.eventId === args.event_id),
          args.qualifiers ?? {},
          { requireAll: !existing },
        )
        seenCaptureIds.add(args.lead_id)

        let lead: Lead
        if (existing) {
          lead = repeatCapture(existing, { interaction, answers, addedNotes: notes, at })
          if (!created.has(lead.id)) {
            addedNotes.set(lead.id, [...(addedNotes.get(lead.id) ?? []), ...notes])
            addedAnswers.set(lead.id, { ...addedAnswers.get(lead.id), ...answers })
          }
          const before = touched.get(lead.id)
          touched.set(lead.id, {
            lead,
            outcome: before?.outcome ?? 'merged',
            previousLevel: before ? before.previousLevel : existing.intentLevel,
            organizerOrgId: ctx.organizerOrgId,
          })
        } else {
          lead = firstCapture({
            id: args.lead_id,
            sponsorId,
            eventId: args.event_id,
            attendee: ctx.attendee,
            person: args,
            addedNotes: notes,
            interaction,
            answers,
            userId: tenant.userId,
            at,
          })
          created.set(lead.id, lead)
          touched.set(lead.id, { lead, outcome: 'created', previousLevel: null, organizerOrgId: ctx.organizerOrgId })
        }
        if (lead.attendeeId) leads.set(lead.attendeeId, lead)
        if (created.has(lead.id)) created.set(lead.id, lead)
        captures.push({
          id: args.lead_id,
          leadId: lead.id,
          interaction: args.interaction,
          capturedBy: tenant.userId,
          capturedAt: at.toISOString(),
          receivedAt: receivedAt.toISOString(),
          clockFlag: clock.flag,
        })
        results.push({ mutation_id: item.mutationId, status: 'applied' })
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode >= 500) throw error
        rejections.push({ mutationId: item.mutationId, code: error.code, reason: error.message })
        results.push({
          mutation_id: item.mutationId,
          status: 'rejected',
          error: { code: error.code, message: error.message },
        })
      }
    }

    const updates = [...touched.values()]
      .filter((t) => !created.has(t.lead.id))
      .map((t) => ({
        ...t.lead,
        expectedCount: existingCounts.get(t.lead.id)!,
        addedAnswers: addedAnswers.get(t.lead.id) ?? {},
        addedNotes: addedNotes.get(t.lead.id) ?? [],
      }))
    if ((await insertLeads(tx, tenant.orgId, [...created.values()])) !== created.size) throw new BatchConflict()
    if ((await updateLeads(tx, updates)) !== updates.length) throw new BatchConflict()
    if ((await insertCaptures(tx, tenant.orgId, captures)) !== captures.length) throw new BatchConflict()
    await insertRejections(tx, client, rejections)
    return { results, changes: [...touched.values()] }
  })
}
