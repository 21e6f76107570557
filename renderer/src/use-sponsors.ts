// The sponsors the signed-in user works for, with their events (from the server, or the replica offline).
import { useEffect, useState } from 'react'
import type { SponsorChoice } from '../../shared/desktop-api'
import { desktop } from './desktop-client'

export function useSponsors() {
  const [sponsors, setSponsors] = useState<SponsorChoice[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    desktop.invoke('sponsors-list', {}).then(
      (result) => setSponsors(result.sponsors),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    )
  }, [])
  return { sponsors, error }
}

export const errorText = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure))
