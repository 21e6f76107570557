// The organization's events: from the server when online, from the replica when not; live on change.
import { useCallback, useEffect, useState } from 'react'
import type { EventRecord } from '../../../shared/domain'
import type { ConnectionState } from '../../../shared/desktop-api'
import { desktop } from '../desktop-client'

const dateRange = (event: EventRecord) => {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
  return `${format.format(new Date(event.start_at))} – ${format.format(new Date(event.end_at))}`
}

export function EventsPage({ orgId, connection }: { orgId: string | null; connection: ConnectionState }) {
  const [events, setEvents] = useState<EventRecord[] | null>(null)
  const [source, setSource] = useState<'server' | 'replica'>('server')
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    try {
      const result = await desktop.invoke('events-list', {})
      setEvents(result.events)
      setSource(result.source)
      setError(null)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }, [])

  useEffect(() => {
    void load()
    return desktop.subscribe((event) => {
      if (event === 'events-changed') void load()
    })
  }, [load, orgId, connection])

  return (
    <section aria-labelledby="events-title">
      <header className="page-header">
        <h2 id="events-title">Events</h2>
        {/* Only while offline: a freshly switched organization reads the replica once before the server answers. */}
        {source === 'replica' && connection !== 'online' && <span className="badge">Offline copy</span>}
      </header>
      {error && <p role="alert" className="error">{error}</p>}
      {events === null && !error && <p>Loading events…</p>}
      {events?.length === 0 && <p>No events yet.</p>}
      {events && events.length > 0 && (
        <ul className="event-list" aria-label="Events">
          {events.map((event) => (
            <li key={event.id} className="card">
              <h3>{event.title}</h3>
              <p>{dateRange(event)}</p>
              <p>{[event.city, event.region, event.country].filter(Boolean).join(', ')}</p>
              {event.capacity !== null && <p>Capacity {event.capacity.toLocaleString()}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
