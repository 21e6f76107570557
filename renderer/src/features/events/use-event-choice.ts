// The event a screen works on: chosen in an "Event" select, the first event until then; kept in the address
// (?event=…) so the palette, a reload and the event page's links land on the same one.
import { useSearchParams } from 'react-router-dom'
import { useCommand } from '../../desktop/use-command'

export function useEventChoice() {
  const events = useCommand('events-list', {})
  const [params, setParams] = useSearchParams()
  const list = events.data?.events ?? []
  const asked = params.get('event')
  const eventId = (asked && list.some((event) => event.id === asked) ? asked : list[0]?.id) ?? null
  const event = list.find((candidate) => candidate.id === eventId) ?? null
  const choose = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        next.set('event', id)
        return next
      },
      { replace: true },
    )
  return { events, list, eventId, event, choose }
}
