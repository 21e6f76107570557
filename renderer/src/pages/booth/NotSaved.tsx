// Captures this device could not save: each keeps its code (or person) and the reason, with Retry and
// Dismiss, so a failed scan is never dropped without the booth staff knowing.
import type { FailedCapture } from './use-capture-queue'

export function NotSaved({ failed, onRetry, onDismiss, onEnterByHand }: {
  failed: FailedCapture[]
  onRetry: (key: number) => void
  onDismiss: (key: number) => void
  /** Offered when the attendee has not consented: they can agree now and be entered by hand. */
  onEnterByHand: (key: number) => void
}) {
  if (failed.length === 0) return null
  return (
    <section role="alert" aria-label="Not saved" className="card error not-saved">
      <h3>Not saved — scan again or retry</h3>
      <ul>
        {failed.map((job) => (
          <li key={job.key}>
            <strong>{job.label}</strong>: {job.reason}{' '}
            {job.args && <><button type="button" onClick={() => onRetry(job.key)}>Retry</button>{' '}</>}
            {job.needsConsent && <><button type="button" onClick={() => onEnterByHand(job.key)}>Enter by hand</button>{' '}</>}
            <button type="button" className="secondary" onClick={() => onDismiss(job.key)}>Dismiss</button>
          </li>
        ))}
      </ul>
    </section>
  )
}
