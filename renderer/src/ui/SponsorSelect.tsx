// The "Sponsor" picker shared by booth mode and lead review (a native select: fast, keyboard and scanner friendly).
import { NativeSelect } from '@mantine/core'
import type { SponsorChoice } from '../../../shared/desktop-api'

export function SponsorSelect({
  sponsors,
  value,
  onChange,
}: {
  sponsors: SponsorChoice[]
  value: string
  onChange: (id: string) => void
}) {
  return (
    <NativeSelect
      label="Sponsor"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={sponsors.map((s) => ({ value: s.id, label: s.company_name }))}
      miw={200}
    />
  )
}
