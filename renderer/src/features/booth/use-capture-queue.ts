// Captures queue behind one another: a scan submitted while the previous one is still saving waits its
// turn instead of racing it, so every code is saved exactly once and in the order it was scanned. Each
// job carries everything entered for it (code or person, interaction, notes, qualifiers) from the moment
// it was submitted. A capture the device cannot save stays listed with its reason until retried or dismissed.
import { useCallback, useRef, useState } from 'react'
import type { CaptureItem, CommandArgs } from '../../../../shared/desktop-api'
import { DesktopApiError, desktop, errorText } from '../../desktop/desktop-client'

export type CaptureArgs = CommandArgs<'booth-capture'>

export interface CaptureJob {
  key: number
  /** What the booth staff see for this capture while it waits or after it failed: the code or the name. */
  label: string
  args: CaptureArgs
}

/** A capture that failed (with what was entered, to retry), or input refused before it became one. */
export interface FailedCapture {
  key: number
  label: string
  reason: string
  /** Absent for what can never be saved as it is: retrying would fail the same way. */
  args?: CaptureArgs
  /** The attendee has not agreed to share their details: only the manual, consent-confirmed path can save them. */
  needsConsent?: boolean
}

export function useCaptureQueue(onSaved: (item: CaptureItem) => void, onFailed?: () => void) {
  const tail = useRef<Promise<void>>(Promise.resolve())
  const nextKey = useRef(1)
  const [waiting, setWaiting] = useState<CaptureJob[]>([])
  const [failed, setFailed] = useState<FailedCapture[]>([])
  const saved = useRef(onSaved)
  saved.current = onSaved
  const failedNow = useRef(onFailed)
  failedNow.current = onFailed

  const run = useCallback(async (job: CaptureJob) => {
    try {
      saved.current(await desktop.invoke('booth-capture', job.args))
    } catch (failure) {
      const needsConsent = failure instanceof DesktopApiError && failure.code === 'consent-missing'
      // Refused on the device, nothing queued: retrying the same scan would be refused the same way.
      const entry = needsConsent
        ? { key: job.key, label: job.label, reason: errorText(failure), needsConsent }
        : { ...job, reason: errorText(failure) }
      setFailed((list) => [...list, entry])
      failedNow.current?.()
    } finally {
      setWaiting((list) => list.filter((j) => j.key !== job.key))
    }
  }, [])

  /** Queues a capture behind those already submitted; returns at once. */
  const enqueue = useCallback(
    (label: string, args: CaptureArgs) => {
      const job = { key: nextKey.current++, label, args }
      setWaiting((list) => [...list, job])
      tail.current = tail.current.then(() => run(job))
    },
    [run],
  )

  const retry = useCallback(
    (key: number) => {
      const job = failed.find((f) => f.key === key)
      if (!job?.args) return
      setFailed((list) => list.filter((f) => f.key !== key))
      enqueue(job.label, job.args)
    },
    [failed, enqueue],
  )

  const dismiss = useCallback((key: number) => setFailed((list) => list.filter((f) => f.key !== key)), [])

  /** Lists at once what cannot be a capture (nothing is queued), with the reason. */
  const refuse = useCallback((label: string, reason: string) => {
    setFailed((list) => [...list, { key: nextKey.current++, label, reason }])
    failedNow.current?.()
  }, [])

  return { enqueue, waiting, failed, retry, dismiss, refuse }
}
