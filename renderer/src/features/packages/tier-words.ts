// A package's tier as a person reads it: as the event names it ("Gold" for a package stored as "gold"), or
// capitalised when the event has no tier by that name.
import type { TierRecord } from '../../../../shared/org/org-records'

/** The event's tier with this name (letter case aside), if any. */
export const tierNamed = (tier: string, tiers: readonly TierRecord[] = []) =>
  tiers.find((t) => t.name.trim().toLowerCase() === tier.trim().toLowerCase())

export function tierLabel(tier: string, tiers: readonly TierRecord[] = []): string {
  const named = tierNamed(tier, tiers)
  if (named) return named.name
  return tier.trim().replace(/(^|[\s-])(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase())
}

/** The tiers a package can take, in the event's order: its active tiers, plus the package's own if it is not one. */
export function tierChoices(tiers: readonly TierRecord[], current: string): string[] {
  const names = [...tiers]
    .filter((t) => t.is_active)
    .sort((a, b) => a.display_order - b.display_order)
    .map((t) => t.name)
  return current.trim() && !tierNamed(current, tiers) ? [...names, current] : names
}
