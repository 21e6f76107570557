// The sponsor's qualifier questions at capture: text, one choice, several choices, or a 1–5 rating.
type Question = Record<string, unknown>
export type Answers = Record<string, string | string[] | number>

export function QualifierFields({ questions, answers, onChange }: { questions: Question[]; answers: Answers; onChange: (answers: Answers) => void }) {
  const set = (id: string, value: string | string[] | number | undefined) => {
    const next = { ...answers }
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[id]
    else next[id] = value
    onChange(next)
  }
  return (
    <fieldset className="qualifiers">
      <legend>Qualifiers</legend>
      {questions.map((q) => {
        const id = String(q.id)
        const prompt = `${String(q.prompt)}${q.is_required ? ' *' : ''}`
        const options = (q.options as string[] | undefined) ?? []
        if (q.kind === 'single_choice') {
          return (
            <label key={id}>{prompt}
              <select value={String(answers[id] ?? '')} onChange={(e) => set(id, e.target.value)}>
                <option value="">—</option>
                {options.map((o) => <option key={o}>{o}</option>)}
              </select>
            </label>
          )
        }
        if (q.kind === 'multiple_choice') {
          const chosen = (answers[id] as string[] | undefined) ?? []
          return (
            <fieldset key={id} className="choices"><legend>{prompt}</legend>
              {options.map((o) => (
                <label key={o} className="inline">
                  <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => set(id, e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} />
                  {o}
                </label>
              ))}
            </fieldset>
          )
        }
        if (q.kind === 'rating') {
          return (
            <label key={id}>{prompt}
              <select value={String(answers[id] ?? '')} onChange={(e) => set(id, e.target.value ? Number(e.target.value) : undefined)}>
                <option value="">—</option>
                {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{'★'.repeat(n)}</option>)}
              </select>
            </label>
          )
        }
        return (
          <label key={id}>{prompt}
            <input value={String(answers[id] ?? '')} maxLength={2000} onChange={(e) => set(id, e.target.value)} />
          </label>
        )
      })}
    </fieldset>
  )
}
