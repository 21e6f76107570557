// Loads a desktop command's result and reloads on demand, with its error as a sentence.
import { useCallback, useEffect, useState } from 'react'

export const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure))

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  // The caller lists what the loader depends on.
  const reload = useCallback(async () => {
    try {
      setValue(await load())
      setError(null)
    } catch (failure) {
      setError(messageOf(failure))
    }
  }, deps)
  useEffect(() => {
    void reload()
  }, [reload])
  return { value, error, reload, setError }
}
