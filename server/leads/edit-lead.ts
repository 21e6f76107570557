// Editing a lead (star, archive, follow-up, notes, qualifier answers) for the sync push and the REST PATCH alike.
// The lead is locked inside the caller's tenant transaction, so concurrent edits apply one after the other and
// the merge rules of lead-edits.ts see every earlier edit.
import type { LeadNotice, QualifierAnswers } from '../../shared/leads/lead-record'
import type { Queryable } from '../db/database'
import { lockLead, saveLeadEdit, userName, type Lead } from '../repositories/leads-repository'
import { listQuestions } from '../repositories/qualifiers-repository'
import { notFound } from '../errors'
import { mergeEdit, type LeadEdit } from './lead-edits'
import { checkAnswers } from './qualifier-answers'

export interface EditLeadRequest {
  sponsorId: string
  leadId: string
  edit: LeadEdit & { qualifiers?: QualifierAnswers | undefined }
  userId: string
  /** The sync client id of the device; null over REST. */
  deviceId: string | null
}

/** Applies the edit to the locked lead; returns the lead as saved and the notices for the editor. */
export async function editLead(
  tx: Queryable,
  request: EditLeadRequest,
): Promise<{ lead: Lead; notices: LeadNotice[] }> {
  const { sponsorId, leadId, edit } = request
  const current = await lockLead(tx, sponsorId, leadId)
  if (!current) throw notFound('Lead')
  let qualifiers = current.qualifiers
  if (edit.qualifiers) {
    const answers = checkAnswers(
      await listQuestions(tx, sponsorId, current.eventId, { activeOnly: true }),
      edit.qualifiers,
      { requireAll: false },
    )
    qualifiers = { ...current.qualifiers, ...answers }
  }
  const editor = { userId: request.userId, name: await userName(tx, request.userId), deviceId: request.deviceId }
  const { merged, notices } = mergeEdit(current, edit, editor)
  const lead = await saveLeadEdit(tx, sponsorId, leadId, { ...merged, qualifiers })
  return { lead: lead!, notices }
}
