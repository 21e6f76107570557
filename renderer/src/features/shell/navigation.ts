// What the navigation offers, by the active organization's kind; the command palette reaches the same screens.
import type { ComponentType } from 'react'
import type { SponsorChoice } from '../../../../shared/desktop-api'
import type { OrgKind, OrgMembership } from '../../../../shared/domain'
import {
  IconCalendarEvent,
  IconBuildingStore,
  IconUsers,
  IconPackage,
  IconFileText,
  IconReceipt,
  IconChecklist,
  IconSettings,
  IconScan,
  IconAddressBook,
  IconChartBar,
  IconId,
  IconActivity,
  IconLayoutDashboard,
  type IconProps,
} from '@tabler/icons-react'

export interface Screen {
  label: string
  path: string
  icon: ComponentType<IconProps>
  description: string
}

const screens = {
  commandCenter: {
    label: 'Command center',
    path: '/command-center',
    icon: IconLayoutDashboard,
    description: 'Live sales, leads and payouts at a glance',
  },
  events: {
    label: 'Events',
    path: '/events',
    icon: IconCalendarEvent,
    description: 'Your events, their dates and venues',
  },
  sponsors: {
    label: 'Sponsors',
    path: '/sponsors',
    icon: IconBuildingStore,
    description: 'Sponsor companies, tiers and representatives',
  },
  attendees: { label: 'Attendees', path: '/attendees', icon: IconUsers, description: 'Import and search attendees' },
  booth: { label: 'Booth', path: '/booth', icon: IconScan, description: 'Capture leads at the booth' },
  leads: { label: 'Leads', path: '/leads', icon: IconAddressBook, description: 'Review, star and follow up leads' },
  analytics: {
    label: 'Analytics',
    path: '/analytics',
    icon: IconChartBar,
    description: 'Leads by hour, intent and representative',
  },
  packages: { label: 'Packages', path: '/packages', icon: IconPackage, description: 'Sponsorship packages' },
  proposals: { label: 'Proposals', path: '/proposals', icon: IconFileText, description: 'Offers and negotiations' },
  orders: { label: 'Orders', path: '/orders', icon: IconReceipt, description: 'Payments, escrow and payouts' },
  fulfillment: {
    label: 'Fulfillment',
    path: '/fulfillment',
    icon: IconChecklist,
    description: 'Deliverables, their proofs and reviews',
  },
  profile: { label: 'Profile', path: '/profile', icon: IconId, description: 'Your sponsor company profile' },
  settings: { label: 'Settings', path: '/settings', icon: IconSettings, description: 'Organization and app settings' },
  operations: {
    label: 'Operations',
    path: '/operations',
    icon: IconActivity,
    description: 'Service levels, alerts and dead webhooks',
  },
} satisfies Record<string, Screen>

export const operationsScreen: Screen = screens.operations
/** For a person in an organizer org who also staffs a sponsor's booth (a sponsor seat without sponsor-org membership). */
export const boothSeatScreens: Screen[] = [screens.booth, screens.leads]

export function screensFor(kind: OrgKind | undefined): Screen[] {
  if (kind === 'sponsor') {
    return [
      screens.booth,
      screens.leads,
      screens.analytics,
      screens.packages,
      screens.proposals,
      screens.orders,
      screens.fulfillment,
      screens.profile,
      screens.settings,
    ]
  }
  return [
    screens.commandCenter,
    screens.events,
    screens.sponsors,
    screens.attendees,
    screens.packages,
    screens.proposals,
    screens.orders,
    screens.fulfillment,
    screens.settings,
  ]
}

export const homePath = (kind: OrgKind | undefined) => (kind === 'sponsor' ? '/booth' : '/command-center')

/**
 * The navigation for the active organization: its kind's screens; Booth and Leads for a representative whose
 * sponsor seat is not in a sponsor organization they belong to (an invited representative signs in with their own
 * organization); Operations for platform administrators.
 */
export function navigationFor(
  activeKind: OrgKind | undefined,
  orgs: OrgMembership[],
  sponsors: SponsorChoice[] | null,
  isPlatformAdmin: boolean,
): Screen[] {
  const hasBoothSeat =
    activeKind !== 'sponsor' && (sponsors ?? []).some((sponsor) => !orgs.some((org) => org.id === sponsor.org_id))
  return [
    ...screensFor(activeKind),
    ...(hasBoothSeat ? boothSeatScreens : []),
    ...(isPlatformAdmin ? [operationsScreen] : []),
  ]
}

/** The screen an address shows (for the window title). */
export const screenAt = (path: string): Screen | undefined =>
  Object.values(screens).find((screen) => path === screen.path || path.startsWith(`${screen.path}/`))
