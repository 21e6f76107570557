// Live updates: a screen says which pushed events make its data stale, and reloads when one arrives.
// Commerce screens reload on the server's proposal, order, escrow and payout events (no Refresh button),
// and after the connection comes back (what happened while offline was not pushed).
import { useEffect, useRef } from 'react'
import type { CommerceChange, DesktopEvent } from '../../../shared/desktop-api'
import { desktop } from './desktop-client'

/** Decides whether a pushed event concerns the screen. */
export type LiveWhen = (...event: DesktopEvent) => boolean

const isBackOnline: LiveWhen = (...event): boolean =>
  event[0] === 'connection-changed' && event[1].connection === 'online'

export const liveOn = {
  /** A proposal, order or payout changed (of these kinds; all when none given), or the connection came back. */
  commerce:
    (...kinds: CommerceChange['kind'][]): LiveWhen =>
    (...event): boolean =>
      (event[0] === 'commerce-changed' && (kinds.length === 0 || kinds.includes(event[1].kind))) ||
      isBackOnline(...event),
  /** The replica changed: a capture saved, a push acknowledged, a pull applied. */
  sync:
    (): LiveWhen =>
    (...event): boolean =>
      event[0] === 'sync-changed',
  /** The organization's events changed. */
  events:
    (): LiveWhen =>
    (...event): boolean =>
      event[0] === 'events-changed' || isBackOnline(...event),
  /** Lead counts of the organizer's sponsors changed. */
  leadCounts:
    (): LiveWhen =>
    (...event): boolean =>
      event[0] === 'lead-counts-changed',
  /** Any of these. */
  any:
    (...conditions: LiveWhen[]): LiveWhen =>
    (...event) =>
      conditions.some((condition) => condition(...event)),
}

/** Calls `onChange` whenever a pushed event matches `when`. Both may change between renders. */
export function useLiveUpdates(when: LiveWhen | undefined, onChange: (...event: DesktopEvent) => void) {
  const latest = useRef({ when, onChange })
  latest.current = { when, onChange }
  const isEnabled = when !== undefined
  useEffect(() => {
    if (!isEnabled) return
    return desktop.subscribe((...event) => {
      if (latest.current.when?.(...event)) latest.current.onChange(...event)
    })
  }, [isEnabled])
}
