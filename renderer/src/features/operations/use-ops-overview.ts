// The operations overview for platform administrators, read again every 15 seconds while the panel is open.
import { useCallback, useEffect, useState } from 'react'
import type { CommandResult } from '../../../../shared/desktop-api'
import { desktop } from '../../desktop-client'
import { messageOf } from '../../pages/commerce/use-command'

export const REFRESH_MS = 15_000

type Access = CommandResult<'ops-overview'>

export function useOpsOverview(isPolling: boolean) {
  const [access, setAccess] = useState<Access | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(async () => {
    try {
      setAccess(await desktop.invoke('ops-overview', {}))
      setError(null)
    } catch (failure) {
      setError(messageOf(failure))
    }
  }, [])
  useEffect(() => {
    void reload()
    if (!isPolling) return
    const timer = setInterval(() => void reload(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload, isPolling])
  return { access, error, reload }
}

/** Whether the signed-in user may open the Operations panel (asked once per organization switch). */
export function useIsPlatformAdmin(activeOrgId: string | null) {
  const [isAdmin, setIsAdmin] = useState(false)
  useEffect(() => {
    let isCurrent = true
    desktop.invoke('ops-overview', {}).then((access) => isCurrent && setIsAdmin(access.allowed), () => isCurrent && setIsAdmin(false))
    return () => {
      isCurrent = false
    }
  }, [activeOrgId])
  return isAdmin
}
