// Builds the SET list of an UPDATE from a partial patch: only defined fields, each through its column.
export function setClauses<K extends string>(
  patch: Partial<Record<K, unknown>>,
  columns: Record<K, string>,
  firstParam: number,
  toParam: (key: K, value: unknown) => unknown = (_key, value) => value,
) {
  const keys = (Object.keys(patch) as K[]).filter((key) => patch[key] !== undefined)
  return {
    sets: [...keys.map((key, index) => `${columns[key]} = $${index + firstParam}`), 'updated_at = now()'].join(', '),
    values: keys.map((key) => toParam(key, patch[key])),
  }
}
