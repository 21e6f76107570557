// Lead review commands: pages of a sponsor's pulled leads from the replica, with this device's captures the
// server has not answered yet on top, and one lead in full for the detail panel. Reads only; edits go through Booth.
import type { CaptureItem, CommandArgs, CommandResult, ReplicaLead } from '../../../shared/desktop-api'
import type { LeadReviewStore } from '../db/lead-review-store'
import type { SyncStore } from '../db/sync-store'
import { DesktopError } from '../desktop-error'

// The pending strip shows the newest few; the booth's own screen and the sync bar account for the rest.
const PENDING_SHOWN = 50

export class LeadReview {
  constructor(
    private readonly store: LeadReviewStore,
    private readonly syncStore: SyncStore,
  ) {}

  page(args: CommandArgs<'leads-page'>): CommandResult<'leads-page'> {
    const { rows, total } = this.store.page(args)
    return {
      rows,
      total,
      pending: args.offset === 0 && args.archived !== 'archived' ? this.pending(args.sponsorId) : [],
    }
  }

  detail(sponsorId: string, leadId: string): ReplicaLead {
    const lead = this.store.detail(sponsorId, leadId)
    if (!lead) throw new DesktopError('lead-not-found', 'That lead is not on this device yet; sync and try again.')
    return lead
  }

  private pending(sponsorId: string): CaptureItem[] {
    const mine = this.syncStore.pendingCaptures().filter((capture) => capture.sponsorId === sponsorId)
    const newest = mine.slice(-PENDING_SHOWN).reverse()
    const held = this.store.held(
      sponsorId,
      newest.map((capture) => capture.leadId),
    )
    return newest.filter((capture) => !held.has(capture.leadId)).map((capture) => ({ ...capture }))
  }
}
