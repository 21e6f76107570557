// Fulfillment for both sides: straight to the server's deliverable and report routes for the active
// organization. A proof file arrives from the renderer as base64 and goes to the server as multipart; nothing is
// kept on this device.
import { randomUUID } from 'node:crypto'
import type {
  ChainVerification,
  DeliverableDetail,
  DeliverableRecord,
  RoiReport,
} from '../../../shared/commerce/fulfillment-records'
import type { fulfillmentCommands } from '../../../shared/fulfillment/fulfillment-commands'
import type { Static } from 'typebox'
import type { CommandHandlers, SessionContext } from '../command-handlers'

type Handlers = CommandHandlers<typeof fulfillmentCommands>

export type FulfillmentContext = SessionContext

/** What is still owed: the responsible side's to prove, or the reviewer's to judge. */
const openStatuses = 'pending,submitted,needs_changes'

export function fulfillmentHandlers(ctx: FulfillmentContext): Handlers {
  const get = <T>(path: string) => ctx.client().request<T>('GET', path, { orgId: ctx.orgId() })
  const post = <T>(path: string, body: unknown) =>
    ctx.client().request<T>('POST', path, { orgId: ctx.orgId(), body, idempotencyKey: randomUUID() })

  return {
    'deliverables-list': async ({ view, orderId }) => {
      const query = new URLSearchParams({
        limit: '500',
        status: view === 'open' ? openStatuses : 'pending,submitted,needs_changes,approved,waived',
        ...(orderId ? { order_id: orderId } : {}),
      })
      return { deliverables: (await get<{ data: DeliverableRecord[] }>(`/v1/deliverables?${query}`)).data }
    },
    'deliverable-detail': async ({ id }) => get<DeliverableDetail>(`/v1/deliverables/${id}`),
    'deliverable-proof-submit': async ({ id, file, assetUrl, metrics, note }) => {
      if (!file) return post<DeliverableDetail>(`/v1/deliverables/${id}/proofs`, { asset_url: assetUrl, metrics, note })
      const form = new FormData()
      form.set('metrics', JSON.stringify(metrics))
      if (note) form.set('note', note)
      if (assetUrl) form.set('asset_url', assetUrl)
      form.set('file', new Blob([Buffer.from(file.base64, 'base64')]), file.name)
      return ctx.client().request<DeliverableDetail>('POST', `/v1/deliverables/${id}/proofs`, {
        orgId: ctx.orgId(),
        body: form,
        idempotencyKey: randomUUID(),
        timeoutMs: 120_000,
      })
    },
    'deliverable-review': async ({ id, action, reason }) =>
      post<DeliverableDetail>(`/v1/deliverables/${id}:${action}`, reason ? { reason } : {}),
    'deliverable-verify': async ({ id }) =>
      get<Static<typeof ChainVerification>>(`/v1/deliverables/${id}/verification`),
    'proof-file': async ({ deliverableId, proofId }) => {
      const file = await ctx
        .client()
        .downloadBytes(`/v1/deliverables/${deliverableId}/proofs/${proofId}/file`, { orgId: ctx.orgId() })
      return { contentType: file.contentType, base64: file.bytes.toString('base64') }
    },
    'roi-report': async ({ orderId }) =>
      (await get<{ data: RoiReport }>(`/v1/reports/roi?order_id=${encodeURIComponent(orderId)}`)).data,
    'roi-export': async ({ orderId, format }) => {
      const mime = format === 'pdf' ? 'application/pdf' : 'text/csv'
      const file = await ctx
        .client()
        .downloadBytes(`/v1/reports/roi?order_id=${encodeURIComponent(orderId)}`, { orgId: ctx.orgId(), accept: mime })
      const fileName = `roi-report-${orderId.slice(0, 8)}-${new Date().toISOString().slice(0, 10)}.${format}`
      return format === 'pdf'
        ? { fileName, content: file.bytes.toString('base64'), encoding: 'base64' as const, mime }
        : { fileName, content: file.bytes.toString('utf8'), encoding: 'utf8' as const, mime }
    },
  }
}
