// Settles a failed attempt: back in line on the retry schedule, or dead-lettered after the last retry; the
// attempt logged; the endpoint's failing streak started — and an endpoint failing for too long disabled, its
// organization's admins emailed.
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import type { WebhookConfig } from '../config'
import type { Mailer } from '../mail/mailer'
import {
  disableEndpoint,
  insertAttempt,
  insertDeadLetter,
  markEndpointHealth,
  settleDelivery,
  type ClaimedDelivery,
} from '../repositories/webhook-deliveries-repository'
import { orgAdminEmails } from '../repositories/webhook-endpoints-repository'
import type { SendOutcome } from './http-sender'

export interface FailureContext {
  db: Database
  config: WebhookConfig
  mailer: Pick<Mailer, 'send'>
  log: Pick<FastifyBaseLogger, 'warn'>
  appUrl: string
  owner: string
}

/** The exact envelope seed 001 §7 shows: `{type, data, timestamp, id}`. */
export const envelopeOf = (d: Pick<ClaimedDelivery, 'type' | 'data' | 'occurredAt' | 'eventId'>) =>
  JSON.stringify({ type: d.type, data: d.data, timestamp: d.occurredAt.toISOString(), id: d.eventId })

export async function settleFailure(
  ctx: FailureContext,
  delivery: ClaimedDelivery,
  startedAt: Date,
  outcome: SendOutcome,
) {
  const retryDelay = ctx.config.retryScheduleMs[delivery.roundAttempt - 1]
  const retryAt = retryDelay === undefined ? null : new Date(Date.now() + retryDelay)
  const disabled = await ctx.db.transaction(async (tx) => {
    const settled = await settleDelivery(tx, {
      id: delivery.id,
      owner: ctx.owner,
      attempt: delivery.attempt,
      succeeded: false,
      statusCode: outcome.statusCode,
      error: outcome.error,
      retryAt,
    })
    // Our lease was lost and the delivery taken again: its new holder logs and settles it.
    if (!settled) return false
    await insertAttempt(tx, {
      deliveryId: delivery.id,
      orgId: delivery.orgId,
      attempt: delivery.attempt,
      startedAt,
      succeeded: false,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      excerpt: outcome.excerpt,
      error: outcome.error,
      workerId: ctx.owner,
    })
    if (!retryAt) {
      await insertDeadLetter(tx, {
        orgId: delivery.orgId,
        endpointId: delivery.endpointId,
        deliveryId: delivery.id,
        type: delivery.type,
        payload: JSON.parse(envelopeOf(delivery)),
        originalTimestamp: delivery.occurredAt,
        failureReason: outcome.error ?? 'failed',
        retryCount: delivery.roundAttempt,
      })
    }
    const failingSince = await markEndpointHealth(tx, delivery.endpointId, false)
    if (failingSince && Date.now() - failingSince.getTime() >= ctx.config.disableAfterMs) {
      return disableEndpoint(
        tx,
        delivery.endpointId,
        `Failing since ${failingSince.toISOString()}: ${outcome.error ?? 'failed'}`,
      )
    }
    return false
  })
  if (disabled) await notifyDisabled(ctx, delivery, outcome)
}

async function notifyDisabled(ctx: FailureContext, delivery: ClaimedDelivery, outcome: SendOutcome) {
  const emails = await orgAdminEmails(ctx.db, delivery.orgId)
  for (const to of emails) {
    await ctx.mailer
      .send({
        to,
        subject: 'A Yardpass webhook endpoint was disabled',
        text:
          `Your webhook endpoint ${delivery.url} has failed every delivery for ${Math.round(ctx.config.disableAfterMs / 3_600_000)} hours ` +
          `(last error: ${outcome.error ?? 'unknown'}), so Yardpass stopped sending to it.\n\n` +
          `Fix the receiver, then enable it again in Settings → Webhooks (${ctx.appUrl}) and replay what it missed.\n`,
      })
      .catch((error: unknown) =>
        ctx.log.warn({ err: error }, 'could not email an organization admin about a disabled webhook endpoint'),
      )
  }
}
