// Operations, for platform administrators only: the seeds' SLOs met or breached, job queues, the outbox
// readers' backlog, dead letters and admin alerts, from the same numbers /metrics exports. Refreshes itself.
import { useState } from 'react'
import type { AlertRecord, OpsOverview, SloRecord } from '../../../../shared/ops/ops-overview'
import { desktop } from '../../desktop-client'
import { messageOf } from '../../pages/commerce/use-command'
import { REFRESH_MS, useOpsOverview } from './use-ops-overview'

const stateText: Record<SloRecord['state'], string> = { met: 'Met', breached: 'Breached', 'no-data': 'No data yet' }
const at = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

function sloValue(slo: SloRecord) {
  if (slo.value === null) return '—'
  const value = Number.isInteger(slo.value) ? slo.value.toLocaleString() : slo.value.toLocaleString(undefined, { maximumFractionDigits: 2 })
  return `${value} ${slo.unit}`.trim()
}

export function OperationsPage() {
  const { access, error, reload } = useOpsOverview(true)
  if (error) return <p role="alert" className="error">{error}</p>
  if (!access) return <p className="loading">Reading the operations overview…</p>
  if (!access.allowed) return <p role="alert">Operations data is for platform administrators only.</p>
  const { overview } = access
  return (
    <section aria-labelledby="ops-title">
      <header className="page-header">
        <h2 id="ops-title">Operations</h2>
        <p className="hint">As of {at.format(new Date(overview.generated_at))}; refreshes every {REFRESH_MS / 1000} s.</p>
        <button type="button" className="secondary" onClick={() => void reload()}>Refresh now</button>
      </header>
      <SloTable slos={overview.slos} />
      <Queues overview={overview} />
      <Alerts alerts={overview.alerts} onChange={() => void reload()} />
    </section>
  )
}

function SloTable({ slos }: { slos: SloRecord[] }) {
  const breached = slos.filter((slo) => slo.state === 'breached').length
  return (
    <>
      <h3 id="slo-title">Service levels</h3>
      <p role="status">{breached === 0 ? 'No service level is breached.' : `${breached} of ${slos.length} service levels breached.`}</p>
      <table aria-labelledby="slo-title">
        <thead><tr><th scope="col">Service level</th><th scope="col">Target</th><th scope="col">Now</th><th scope="col">State</th></tr></thead>
        <tbody>
          {slos.map((slo) => (
            <tr key={slo.key} className={`slo-${slo.state}`}>
              <th scope="row">{slo.label}</th>
              <td>{slo.target}</td>
              <td>{sloValue(slo)}</td>
              <td><span className={`state slo-state-${slo.state}`}>{stateText[slo.state]}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

function Queues({ overview }: { overview: OpsOverview }) {
  return (
    <>
      <h3 id="queues-title">Job queues</h3>
      {overview.queues.length === 0 ? <p>No job has been queued yet.</p> : (
        <table aria-labelledby="queues-title">
          <thead><tr><th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Oldest waiting</th><th scope="col">Failed in the last hour</th></tr></thead>
          <tbody>
            {overview.queues.map((queue) => (
              <tr key={queue.queue}>
                <th scope="row">{queue.queue.replaceAll('_', ' ')}</th>
                <td>{queue.depth.toLocaleString()}</td>
                <td>{queue.depth === 0 ? '—' : `${Math.round(queue.lagSeconds).toLocaleString()} s`}</td>
                <td>{queue.failedLastHour.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Domain events and webhooks</h3>
      <ul aria-label="Event backlog">
        {overview.outbox.map((reader) => <li key={reader.reader}>{reader.reader.replaceAll('_', ' ')}: {reader.backlog.toLocaleString()} events not yet read</li>)}
        <li>Dead-lettered webhooks: {overview.dead_letters === null ? 'webhook delivery is not set up' : overview.dead_letters.toLocaleString()}</li>
      </ul>
    </>
  )
}

function Alerts({ alerts, onChange }: { alerts: AlertRecord[]; onChange: () => void }) {
  const [confirming, setConfirming] = useState<AlertRecord | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const open = alerts.filter((alert) => !alert.acknowledged_at)
  async function acknowledge(alert: AlertRecord) {
    try {
      await desktop.invoke('ops-alert-acknowledge', { alertId: alert.id })
      setConfirming(null)
      setProblem(null)
      onChange()
    } catch (failure) {
      setProblem(messageOf(failure))
    }
  }
  return (
    <>
      <h3 id="alerts-title">Alerts</h3>
      <p role="status">{open.length === 0 ? 'No alert needs attention.' : `${open.length} alert${open.length === 1 ? '' : 's'} need attention.`}</p>
      <ul className="recent" aria-labelledby="alerts-title">
        {alerts.map((alert) => (
          <li key={alert.id} className="capture">
            <span>{alert.message}</span>
            <span className="hint">{at.format(new Date(alert.created_at))}</span>
            {alert.acknowledged_at
              ? <span className="state">Seen to {at.format(new Date(alert.acknowledged_at))}</span>
              : <button type="button" onClick={() => setConfirming(alert)}>Mark as seen to</button>}
          </li>
        ))}
      </ul>
      {confirming && (
        <div role="alertdialog" aria-label="Mark the alert as seen to" className="dialog">
          <p>Mark “{confirming.message}” as seen to? It stays in the list, marked with the time and your name.</p>
          <button type="button" onClick={() => void acknowledge(confirming)}>Mark as seen to</button>
          <button type="button" className="secondary" onClick={() => setConfirming(null)}>Cancel</button>
          {problem && <p role="alert" className="error">{problem}</p>}
        </div>
      )}
    </>
  )
}
