// The "Sponsor" picker shared by booth mode and lead review.
import type { SponsorChoice } from '../../../shared/desktop-api'

export function SponsorSelect({ sponsors, value, onChange }: { sponsors: SponsorChoice[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>Sponsor
      <select aria-label="Sponsor" value={value} onChange={(e) => onChange(e.target.value)}>
        {sponsors.map((s) => <option key={s.id} value={s.id}>{s.company_name}</option>)}
      </select>
    </label>
  )
}
