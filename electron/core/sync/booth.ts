// Booth and lead-review commands over the replica. A capture is written with its outbox entry in one
// local transaction before "saved" is answered; lead edits apply to the replica at once and queue for the server.
import { randomUUID } from 'node:crypto'
import type { CaptureItem, CommandArgs, ExportReceipt } from '../../../shared/desktop-api'
import { mutationNames } from '../../../shared/sync/sync-protocol'
import { addCapture, isInteractionType, scoreInteractions } from '../../../shared/leads/intent-scoring'
import { isConsented, type SyncStore, type CaptureRow } from '../db/sync-store'
import { DesktopError } from '../desktop-error'
import { canEditNote, type LeadEditArgs } from './lead-edits'

export const captureItem = (row: CaptureRow): CaptureItem => ({ ...row })

export class Booth {
  constructor(private readonly store: SyncStore) {}

  capture(args: CommandArgs<'booth-capture'>): CaptureItem {
    if ((args.badgeCode === undefined) === (args.manual === undefined)) {
      throw new DesktopError(
        'badge-or-manual',
        'Scan or type a badge code, or enter the person by hand — one of the two.',
      )
    }
    const entry = args.badgeCode ? this.store.directoryEntry(args.eventId, args.badgeCode) : null
    // Refused here, before anything is queued: the server would refuse it on sync, after the person has walked away.
    if (entry && !isConsented(entry)) {
      throw new DesktopError(
        'consent-missing',
        `Badge ${args.badgeCode} belongs to an attendee who has not agreed to share their details with sponsors, so nothing was saved. ` +
          'If they agree now, choose "Enter by hand" and confirm their consent.',
      )
    }
    if (!isInteractionType(args.interaction))
      throw new DesktopError('invalid-interaction', 'Choose what happened at the booth from the list.')
    const leadId = randomUUID()
    const capturedAt = new Date().toISOString()
    // Offline, the directory may not know a badge yet: it is saved as "not in the directory yet" and the server decides on sync.
    const name = args.manual?.name ?? entry?.name ?? `Badge ${args.badgeCode}`
    const before = args.badgeCode ? this.store.badgeInteractions(args.sponsorId, args.eventId, args.badgeCode) : []
    const { score, level } = scoreInteractions(addCapture(before, args.interaction))
    const mutationArgs = {
      sponsor_id: args.sponsorId,
      event_id: args.eventId,
      lead_id: leadId,
      captured_at: capturedAt,
      interaction: args.interaction,
      ...(args.badgeCode ? { badge_code: args.badgeCode } : { manual: args.manual }),
      ...(args.notes ? { notes: args.notes } : {}),
      ...(args.qualifiers ? { qualifiers: args.qualifiers } : {}),
    }
    const row = this.store.recordCapture(
      {
        leadId,
        sponsorId: args.sponsorId,
        eventId: args.eventId,
        badgeCode: args.badgeCode ?? null,
        name,
        interaction: args.interaction,
        capturedAt,
        intentScore: score,
        intentLevel: level,
        inDirectory: args.badgeCode ? entry !== null : null,
      },
      { name: mutationNames.captureLead, args: mutationArgs },
    )
    return captureItem(row)
  }

  recent(sponsorId: string, eventId: string, limit = 50) {
    return {
      captures: this.store.recentCaptures(sponsorId, eventId, limit).map(captureItem),
      directorySize: this.store.directorySize(eventId),
    }
  }

  leads(args: CommandArgs<'leads-list'>) {
    const q = args.q?.toLowerCase()
    const leads = this.store
      .leads(args.sponsorId)
      .filter((lead) => args.includeArchived || !lead.is_archived)
      .filter((lead) => !args.intentLevel || lead.intent_level === args.intentLevel)
      .filter(
        (lead) =>
          !q ||
          (['name', 'email', 'company', 'notes', 'badge_code'] as const).some((key) =>
            String(lead[key] ?? '')
              .toLowerCase()
              .includes(q),
          ),
      )
      .sort((a, b) => String(b.last_captured_at).localeCompare(String(a.last_captured_at)))
    const known = new Set(leads.map((lead) => lead.id))
    const pending = this.store
      .pendingCaptures()
      .filter((c) => c.sponsorId === args.sponsorId && !known.has(c.leadId))
      .map(captureItem)
    return { leads, pending }
  }

  /**
   * Applies an edit to the replica's lead now and queues it for the server, stamped with this device's
   * clock. Notes append as entries (the legacy `notes` text becomes a new entry); only one's own entry is edited.
   */
  updateLead(args: CommandArgs<'lead-update'>) {
    const lead = this.store.lead(args.sponsorId, args.leadId)
    if (!lead) throw new DesktopError('lead-not-found', 'That lead is not on this device yet; sync and try again.')
    if (args.noteEdit && !canEditNote(lead, args.noteEdit.id, this.store.editAuthor())) {
      throw new DesktopError(
        'not-your-note',
        'Only the person who wrote a note can change it; add a note of your own instead.',
      )
    }
    const added = args.noteAdd ?? args.notes
    const mutationArgs: LeadEditArgs = {
      sponsor_id: args.sponsorId,
      lead_id: args.leadId,
      edited_at: new Date().toISOString(),
      ...(args.starred !== undefined ? { starred: args.starred } : {}),
      ...(args.archived !== undefined ? { archived: args.archived } : {}),
      ...(args.followUpStatus ? { follow_up_status: args.followUpStatus } : {}),
      ...(added ? { add_note: { id: randomUUID(), text: added } } : {}),
      ...(args.noteEdit ? { edit_note: { id: args.noteEdit.id, text: args.noteEdit.text } } : {}),
    }
    return this.store.updateLeadLocally(lead, mutationArgs)
  }

  /**
   * Every capture and edit the server has not accepted — pending ones and refused ones, whole — as a JSON file a
   * sponsor admin can take in. Nothing is written here: the renderer saves it where the person chooses (Electron's
   * save dialog, or a browser download), then hands back the receipt so the device knows what is in a file.
   */
  pendingExport() {
    const pending = this.store.pendingCaptures()
    const rejected = this.store.rejectedCaptures(1_000_000)
    const rejectedMutations = this.store.rejected.list()
    const exportedAt = new Date()
    const mutations = this.store.outbox(1_000_000)
    const file = {
      exportedAt: exportedAt.toISOString(),
      captures: [...pending, ...rejected],
      mutations,
      rejectedMutations,
    }
    const edits = [...mutations, ...rejectedMutations].filter((m) => m.name === mutationNames.updateLead).length
    const receipt: ExportReceipt = {
      throughMutationId: mutations.reduce((max, m) => Math.max(max, m.mutationId), 0),
      rejectedMutationIds: rejectedMutations.map((m) => m.mutationId),
      exportedAt: exportedAt.toISOString(),
    }
    return {
      fileName: `unsynced-leads-${exportedAt.toISOString().replace(/[:.]/g, '-')}.json`,
      content: JSON.stringify(file, null, 2),
      count: pending.length + rejected.length,
      pending: pending.length,
      rejected: rejected.length,
      edits,
      receipt,
    }
  }

  /** The export file was saved: what it holds no longer stops a sign-out. Answers what is still not in a file. */
  confirmExported(receipt: ExportReceipt) {
    this.store.markExported(receipt.throughMutationId, new Date(receipt.exportedAt), receipt.rejectedMutationIds)
    return { unexported: this.store.unexportedCount() }
  }
}
