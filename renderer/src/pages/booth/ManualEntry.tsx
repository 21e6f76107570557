// A person without a badge (business card, walk-up): their details and their spoken consent to share them.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'

export interface ManualPerson {
  name: string
  email?: string
  company?: string
  title?: string
  phone?: string
  consent_confirmed: true
}

export function ManualEntry({ onSave, onCancel }: { onSave: (person: ManualPerson) => void; onCancel: () => void }) {
  const [fields, setFields] = useState({ name: '', email: '', company: '', title: '', phone: '' })
  const [hasConsent, setHasConsent] = useState(false)
  const nameField = useRef<HTMLInputElement>(null)
  // Opened from a scan or a button: the cursor goes straight to the name.
  useEffect(() => nameField.current?.focus(), [])
  const field = (key: keyof typeof fields, text: string, type = 'text') => (
    <label>{text}
      <input ref={key === 'name' ? nameField : undefined} type={type} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} />
    </label>
  )
  /** Esc goes back to scanning, as the button does. */
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    const optional = Object.fromEntries(Object.entries(fields).filter(([key, value]) => key !== 'name' && value.trim()).map(([key, value]) => [key, value.trim()]))
    onSave({ name: fields.name.trim(), ...optional, consent_confirmed: true })
  }
  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} className="card manual" aria-label="Enter a person by hand">
      {field('name', 'Name')}
      {field('email', 'Email', 'email')}
      {field('company', 'Company')}
      {field('title', 'Title')}
      {field('phone', 'Phone', 'tel')}
      <label className="inline">
        <input type="checkbox" checked={hasConsent} onChange={(e) => setHasConsent(e.target.checked)} />
        They agreed to share these details with us
      </label>
      <button type="submit" disabled={!hasConsent || !fields.name.trim()}>Save lead</button>
      <button type="button" className="secondary" onClick={onCancel}>Back to scanning</button>
    </form>
  )
}
