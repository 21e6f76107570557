// The sponsor the active sponsor organization is (its seat among the user's sponsors), and what the user may do there.
import { useSponsors } from '../../desktop/use-sponsors'

export function useOwnSponsor(orgId: string | null) {
  const { sponsors, error } = useSponsors()
  const sponsor = sponsors?.find((candidate) => candidate.org_id === orgId) ?? null
  const can = (permission: string) => sponsor?.permissions.includes(permission) ?? false
  return {
    sponsor,
    isLoading: sponsors === null && error === null,
    error,
    /** Admins (and the organization's owners) hold every permission, managing people among them. */
    isAdmin: can('sponsor:users:manage'),
    canEditProfile: can('sponsor:profile:write'),
  }
}
