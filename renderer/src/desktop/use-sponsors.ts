// The sponsors the signed-in user works for, with their events: the replica's copy at once (and offline),
// replaced by the server's list when it arrives.
import { useEffect, useState } from 'react'
import type { SponsorChoice } from '../../../shared/desktop-api'
import { desktop, errorText } from './desktop-client'

export function useSponsors() {
  const [fetched, setFetched] = useState<SponsorChoice[] | null>(null)
  const [known, setKnown] = useState<SponsorChoice[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The session changed (an accepted invitation, an organization switch): the seats may have too.
  const [sessionVersion, setSessionVersion] = useState(0)
  useEffect(() => desktop.on({ 'session-changed': () => setSessionVersion((version) => version + 1) }), [])
  useEffect(() => {
    let isCurrent = true
    desktop.invoke('leads-sponsors', {}).then(
      (result) => isCurrent && setKnown(result.sponsors),
      () => isCurrent && setKnown([]),
    )
    desktop.invoke('sponsors-list', {}).then(
      (result) => isCurrent && setFetched(result.sponsors),
      (failure: unknown) => isCurrent && setError(errorText(failure)),
    )
    return () => {
      isCurrent = false
    }
  }, [sessionVersion])
  const sponsors = fetched ?? (known?.length ? known : null)
  return { sponsors, error: sponsors ? null : error }
}
