// The 409 for an action the order's escrow state does not allow, naming the actions it does allow.
import { conflict } from '../errors'
import { actionsFrom, type OrderAction } from '../../shared/commerce/order-machine'
import type { EscrowState } from '../../shared/commerce/commerce-records'

export function invalidTransition(state: EscrowState, action: OrderAction, message?: string) {
  const allowed = actionsFrom(state)
  return conflict(
    'invalid-transition',
    message ??
      `An order whose escrow is ${state} cannot ${action}; allowed now: ${allowed.length ? allowed.join(', ') : 'nothing (it is closed)'}.`,
    { escrow_state: state, action, allowed },
  )
}
