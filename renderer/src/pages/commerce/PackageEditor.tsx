// Creates or edits a package: title, tier, price, inventory, benefits (one "name: value" per line), visibility.
import { useState } from 'react'
import type { PackageRecord } from '../../../../shared/commerce/commerce-records'
import { desktop } from '../../desktop-client'
import { messageOf } from './use-command'

const benefitsText = (benefits: Record<string, unknown>) => Object.entries(benefits).map(([name, value]) => `${name}: ${String(value)}`).join('\n')

/** "logo_stage: true" → { logo_stage: true }; numbers and booleans keep their type. */
function parseBenefits(text: string): Record<string, unknown> {
  const benefits: Record<string, unknown> = {}
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [name, ...rest] = line.split(':')
    const raw = rest.join(':').trim()
    benefits[name!.trim()] = raw === '' || raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(Number(raw)) ? Number(raw) : raw
  }
  return benefits
}

export function PackageEditor({ existing, eventId, onDone }: { existing: PackageRecord | null; eventId: string; onDone: () => void }) {
  const [title, setTitle] = useState(existing?.title ?? '')
  const [tier, setTier] = useState(existing?.tier ?? 'gold')
  const [price, setPrice] = useState(existing ? String(existing.price_cents / 100) : '')
  const [inventory, setInventory] = useState(existing ? String(existing.inventory) : '1')
  const [benefits, setBenefits] = useState(existing ? benefitsText(existing.benefits) : 'logo_stage: true\nbooth: 10x10')
  const [visibility, setVisibility] = useState<'public' | 'private'>(existing?.visibility ?? 'public')
  const [problem, setProblem] = useState<string | null>(null)

  async function save() {
    try {
      await desktop.invoke('package-save', {
        ...(existing ? { id: existing.id } : { eventId }),
        draft: { title, tier, price_cents: Math.round(Number(price) * 100), currency: existing?.currency ?? 'USD', inventory: Number(inventory), benefits: parseBenefits(benefits), visibility },
      })
      onDone()
    } catch (failure) {
      setProblem(messageOf(failure))
    }
  }

  return (
    <form aria-label="Package editor" className="manual card" onSubmit={(e) => { e.preventDefault(); void save() }}>
      <h3>{existing ? `Edit ${existing.title}` : 'New package'}</h3>
      <label>Title<input value={title} onChange={(e) => setTitle(e.target.value)} required /></label>
      <label>Tier<input value={tier} onChange={(e) => setTier(e.target.value)} required /></label>
      <label>Price (USD)<input type="number" min="0" step="0.01" value={price} onChange={(e) => setPrice(e.target.value)} required /></label>
      <label>Inventory<input type="number" min="0" value={inventory} onChange={(e) => setInventory(e.target.value)} required /></label>
      <label>Benefits<textarea rows={4} value={benefits} onChange={(e) => setBenefits(e.target.value)} /></label>
      <label>
        Visibility
        <select aria-label="Visibility" value={visibility} onChange={(e) => setVisibility(e.target.value === 'private' ? 'private' : 'public')}>
          <option value="public">Public (marketplace)</option>
          <option value="private">Private (by proposal only)</option>
        </select>
      </label>
      {problem && <p role="alert" className="error">{problem}</p>}
      <button type="submit">Save package</button>
    </form>
  )
}
