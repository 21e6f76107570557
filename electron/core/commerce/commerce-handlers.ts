// The commerce commands: straight to the server for the active organization, each action with its own
// Idempotency-Key so a retried request (a dropped connection) is answered, not repeated.
import { randomUUID } from 'node:crypto'
import type { CommandResult } from '../../../shared/desktop-api'
import type { commerceCommands } from '../../../shared/commerce/commerce-commands'
import type {
  FundResult,
  OrderDetail,
  OrderRecord,
  PackageRecord,
  ProposalRecord,
} from '../../../shared/commerce/commerce-records'
import type { CommandHandlers, SessionContext } from '../command-handlers'
import { DesktopError } from '../desktop-error'

type Handlers = CommandHandlers<typeof commerceCommands>
type Thread = CommandResult<'proposal-get'>

export type CommerceContext = SessionContext

export function commerceHandlers(ctx: CommerceContext): Handlers {
  const get = <T>(path: string) => ctx.client().request<T>('GET', path, { orgId: ctx.orgId() })
  const send = <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown) =>
    ctx.client().request<T>(method, path, { orgId: ctx.orgId(), body: body ?? {}, idempotencyKey: randomUUID() })

  return {
    'packages-list': async ({ eventId }) => ({
      packages: (
        await get<{ data: PackageRecord[] }>(`/v1/sponsorship-packages${eventId ? `?event_id=${eventId}` : ''}`)
      ).data,
    }),
    'package-save': async ({ id, eventId, draft }) => {
      if (id) return send<PackageRecord>('PATCH', `/v1/sponsorship-packages/${id}`, draft)
      if (!eventId) throw new DesktopError('event-required', 'Pick the event this package is for.')
      return send<PackageRecord>('POST', '/v1/sponsorship-packages', { event_id: eventId, ...draft })
    },
    'package-publish': async ({ id }) => send<PackageRecord>('POST', `/v1/sponsorship-packages/${id}:publish`),
    'proposals-list': async () => ({ proposals: (await get<{ data: ProposalRecord[] }>('/v1/proposals')).data }),
    'proposal-get': async ({ id }) => get<Thread>(`/v1/proposals/${id}`),
    'proposal-create': async ({ eventId, sponsorId, packageId, body, priceCents }) => {
      const created = await send<Thread>('POST', '/v1/proposals', {
        event_id: eventId,
        sponsor_id: sponsorId,
        package_id: packageId,
        initial_message: { body, offer: { price_cents: priceCents } },
      })
      return send<Thread>('POST', `/v1/proposals/${created.id}:send`)
    },
    'proposal-act': async ({ id, action, body, priceCents }) => {
      if (action === 'accept') {
        const accepted = await send<{ proposal: Thread; order: OrderRecord }>('POST', `/v1/proposals/${id}:accept`)
        return { proposal: accepted.proposal, order: accepted.order }
      }
      if (action === 'counter') {
        if (priceCents === undefined) throw new DesktopError('price-required', 'A counter-offer needs a price.')
        return {
          proposal: await send<Thread>('POST', `/v1/proposals/${id}:counter`, {
            body: body ?? '',
            offer: { price_cents: priceCents },
          }),
          order: null,
        }
      }
      return {
        proposal: await send<Thread>(
          'POST',
          `/v1/proposals/${id}:${action}`,
          action === 'reject' && body ? { reason: body } : {},
        ),
        order: null,
      }
    },
    'orders-list': async () => ({ orders: (await get<{ data: OrderRecord[] }>('/v1/sponsorship-orders')).data }),
    'order-get': async ({ id }) => get<OrderDetail>(`/v1/sponsorship-orders/${id}`),
    'order-act': async ({ id, action, paymentMethodId, amountCents, reason }) => {
      if (action === 'fund') {
        if (!paymentMethodId) throw new DesktopError('payment-method-required', 'Choose a card to pay with.')
        const funded = await send<FundResult>('POST', `/v1/sponsorship-orders/${id}:fund`, {
          payment_method_id: paymentMethodId,
        })
        return { order: funded.order, authenticationUrl: funded.next_action?.redirect_url ?? null }
      }
      const body =
        action === 'refund'
          ? { ...(amountCents ? { amount_cents: amountCents } : {}), ...(reason ? { reason } : {}) }
          : action === 'cancel' && reason
            ? { reason }
            : {}
      await send('POST', `/v1/sponsorship-orders/${id}:${action}`, body)
      return { order: await get<OrderDetail>(`/v1/sponsorship-orders/${id}`), authenticationUrl: null }
    },
    'payout-config-save': async () => send('PUT', `/v1/organizations/${ctx.orgId()}/payout-configuration`, {}),
  }
}
