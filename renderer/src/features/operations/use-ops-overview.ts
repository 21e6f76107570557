// The operations overview for platform administrators, read again every 15 seconds while the panel is open.
import { useEffect, useState } from 'react'
import { desktop } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'

export const REFRESH_MS = 15_000

export function useOpsOverview() {
  const overview = useCommand('ops-overview', {})
  const { reload } = overview
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  return overview
}

/** Whether the signed-in user may open the Operations panel (asked once per organization switch). */
export function useIsPlatformAdmin(activeOrgId: string | null) {
  const [isAdmin, setIsAdmin] = useState(false)
  useEffect(() => {
    let isCurrent = true
    desktop.invoke('ops-overview', {}).then(
      (access) => isCurrent && setIsAdmin(access.allowed),
      () => isCurrent && setIsAdmin(false),
    )
    return () => {
      isCurrent = false
    }
  }, [activeOrgId])
  return isAdmin
}
