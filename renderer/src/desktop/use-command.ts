// A desktop command's answer as screen state: loading, the data, or the error in words; reloaded on demand
// and, with `live`, whenever a matching event is pushed (keeping the data on screen while it reloads).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommandArgs, CommandResult, DesktopCommandName } from '../../../shared/desktop-api'
import { desktop, errorText } from './desktop-client'
import { useLiveUpdates, type LiveWhen } from './use-live'

export interface CommandQuery<T> {
  data: T | null
  error: string | null
  isLoading: boolean
  /** Asks again; the current data stays on screen meanwhile. */
  reload: () => Promise<void>
  /** Replaces the data with what an action answered (no second round trip). */
  setData: (data: T) => void
}

/**
 * `useCommand('orders-list', {}, { live: liveOn.commerce('order', 'payout') })`. Pass `null` as args to wait
 * (nothing chosen yet). An answer to older arguments is dropped.
 */
export function useCommand<C extends DesktopCommandName>(
  command: C,
  args: CommandArgs<C> | null,
  options: { live?: LiveWhen } = {},
): CommandQuery<CommandResult<C>> {
  const [data, setData] = useState<CommandResult<C> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isLoading, setIsLoading] = useState(args !== null)
  const key = args === null ? null : JSON.stringify(args)
  const latestArgs = useRef(args)
  latestArgs.current = args
  const request = useRef(0)

  const reload = useCallback(async () => {
    const current = latestArgs.current
    if (current === null) return
    const id = ++request.current
    setIsLoading(true)
    try {
      const answer = await desktop.invoke(command, current)
      if (id !== request.current) return
      setData(answer)
      setError(null)
    } catch (failure) {
      if (id === request.current) setError(errorText(failure))
    } finally {
      if (id === request.current) setIsLoading(false)
    }
  }, [command])

  useEffect(() => {
    if (key === null) {
      setIsLoading(false)
      return
    }
    void reload()
  }, [key, reload])

  useLiveUpdates(options.live, () => void reload())
  return { data, error, isLoading, reload, setData }
}
