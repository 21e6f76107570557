// Every route that exists, called by a member of another organization, answers 403/404 and leaks nothing.
// Table-driven: a new route fails the coverage check until it joins the table.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { api, sampleEvent, signUp, type SignedUp } from '../support/api-client'
import { describeBackends } from '../support/databases'
import { startTestServer, type TestServer } from '../support/test-server'
import { addSponsorOrg } from '../support/sponsor-fixtures'
import { upsertSponsorUser } from '../../server/repositories/sponsor-people-repository'
import { computeMatches } from '../../server/intelligence/match-sql'

interface Victim {
  org: SignedUp
  eventId: string
  tierId: string
  sponsorOrg: SignedUp
  sponsorId: string
  invitationId: string
  sponsorUserId: string
  leadId: string
  questionId: string
  packageId: string
  threadId: string
  orderId: string
  sponsorshipId: string
  matchId: string
  apiKeyId: string
  deliverableId: string
  proofId: string
  webhookEndpointId: string
  webhookDeliveryId: string
  workspaceId: string
}

interface Probe {
  route: string
  /** Which organization kind the route serves: the intruder of that kind makes the request. */
  kind?: 'organizer' | 'sponsor'
  /** The request aimed at the victim's ids; `orgId` is the organization the caller claims to act for. */
  request: (victim: Victim, orgId: string) => { path: string; body?: unknown; contentType?: string }
}

const orgScoped: Probe[] = [
  { route: 'POST /v1/events', request: () => ({ path: '/v1/events', body: sampleEvent }) },
  { route: 'GET /v1/events', request: () => ({ path: '/v1/events' }) },
  { route: 'GET /v1/events/:id', request: (v) => ({ path: `/v1/events/${v.eventId}` }) },
  { route: 'PATCH /v1/events/:id', request: (v) => ({ path: `/v1/events/${v.eventId}`, body: { title: 'Hijacked' } }) },
  {
    route: 'POST /v1/organizations/:org_id/events/:event_id/sponsor-tiers',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/events/${v.eventId}/sponsor-tiers`,
      body: { name: 'Hijacked' },
    }),
  },
  {
    route: 'POST /v1/organizations/:org_id/events/:event_id/sponsor-tiers/defaults',
    request: (v, org) => ({ path: `/v1/organizations/${org}/events/${v.eventId}/sponsor-tiers/defaults` }),
  },
  {
    route: 'GET /v1/organizations/:org_id/events/:event_id/sponsor-tiers',
    request: (v, org) => ({ path: `/v1/organizations/${org}/events/${v.eventId}/sponsor-tiers` }),
  },
  {
    route: 'PATCH /v1/organizations/:org_id/sponsor-tiers/:tier_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsor-tiers/${v.tierId}`, body: { name: 'Hijacked' } }),
  },
  {
    route: 'DELETE /v1/organizations/:org_id/sponsor-tiers/:tier_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsor-tiers/${v.tierId}` }),
  },
  {
    route: 'POST /v1/organizations/:org_id/events/:event_id/sponsors',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/events/${v.eventId}/sponsors`,
      body: { name: 'Hijacked', contact_email: 'h@h.example', tier_id: v.tierId },
    }),
  },
  {
    route: 'GET /v1/organizations/:org_id/events/:event_id/sponsors',
    request: (v, org) => ({ path: `/v1/organizations/${org}/events/${v.eventId}/sponsors` }),
  },
  {
    route: 'GET /v1/organizations/:org_id/sponsors/:sponsor_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsors/${v.sponsorId}` }),
  },
  {
    route: 'PATCH /v1/organizations/:org_id/sponsors/:sponsor_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsors/${v.sponsorId}`, body: { is_archived: true } }),
  },
  {
    route: 'DELETE /v1/organizations/:org_id/sponsors/:sponsor_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsors/${v.sponsorId}` }),
  },
  {
    route: 'POST /v1/organizations/:org_id/sponsors/:sponsor_id/invitations',
    kind: 'sponsor',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/sponsors/${v.sponsorId}/invitations`,
      body: { email: 'spy@intruder.example', role: 'admin' },
    }),
  },
  {
    route: 'GET /v1/organizations/:org_id/sponsors/:sponsor_id/invitations',
    kind: 'sponsor',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsors/${v.sponsorId}/invitations` }),
  },
  {
    route: 'POST /v1/organizations/:org_id/invitations/:invitation_id/resend',
    kind: 'sponsor',
    request: (v, org) => ({ path: `/v1/organizations/${org}/invitations/${v.invitationId}/resend` }),
  },
  {
    route: 'DELETE /v1/organizations/:org_id/invitations/:invitation_id',
    kind: 'sponsor',
    request: (v, org) => ({ path: `/v1/organizations/${org}/invitations/${v.invitationId}` }),
  },
  {
    route: 'GET /v1/organizations/:org_id/sponsors/:sponsor_id/users',
    kind: 'sponsor',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsors/${v.sponsorId}/users` }),
  },
  {
    route: 'PATCH /v1/organizations/:org_id/sponsor-users/:sponsor_user_id',
    kind: 'sponsor',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/sponsor-users/${v.sponsorUserId}`,
      body: { role: 'admin' },
    }),
  },
  {
    route: 'DELETE /v1/organizations/:org_id/sponsor-users/:sponsor_user_id',
    kind: 'sponsor',
    request: (v, org) => ({ path: `/v1/organizations/${org}/sponsor-users/${v.sponsorUserId}` }),
  },
  {
    route: 'POST /v1/events/:event_id/attendees',
    request: (v) => ({
      path: `/v1/events/${v.eventId}/attendees`,
      body: [{ badge_code: 'VIC-1', name: 'Overwritten', consent_to_share: false }],
    }),
  },
  {
    route: 'POST /v1/events/:event_id/attendees/import',
    request: (v) => ({
      path: `/v1/events/${v.eventId}/attendees/import`,
      body: 'badge_code,name,consent_to_share\nVIC-1,Overwritten,false\n',
      contentType: 'text/csv',
    }),
  },
  {
    route: 'GET /v1/events/:event_id/attendees',
    request: (v) => ({ path: `/v1/events/${v.eventId}/attendees` }),
  },
  {
    route: 'POST /v1/events/:event_id/sponsors/:sponsor_id/capture-lead',
    kind: 'sponsor',
    request: (v) => ({
      path: `/v1/events/${v.eventId}/sponsors/${v.sponsorId}/capture-lead`,
      body: { badge_code: 'VIC-1', interaction: 'direct_request' },
    }),
  },
  {
    route: 'GET /v1/sponsors/:sponsor_id/profile',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/profile` }),
  },
  {
    route: 'PATCH /v1/sponsors/:sponsor_id/profile',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/profile`, body: { category: 'Hijacked' } }),
  },
  {
    route: 'GET /v1/sponsors/:sponsor_id/leads',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/leads` }),
  },
  {
    route: 'GET /v1/sponsors/:sponsor_id/leads/stats',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/leads/stats` }),
  },
  {
    route: 'GET /v1/sponsors/:sponsor_id/leads/export',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/leads/export` }),
  },
  {
    route: 'PATCH /v1/sponsors/:sponsor_id/leads/:lead_id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/leads/${v.leadId}`, body: { starred: true } }),
  },
  {
    route: 'POST /v1/sponsors/:sponsor_id/events/:event_id/qualifiers',
    kind: 'sponsor',
    request: (v) => ({
      path: `/v1/sponsors/${v.sponsorId}/events/${v.eventId}/qualifiers`,
      body: { prompt: 'Hijacked?', kind: 'text' },
    }),
  },
  {
    route: 'GET /v1/sponsors/:sponsor_id/events/:event_id/qualifiers',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/events/${v.eventId}/qualifiers` }),
  },
  {
    route: 'PATCH /v1/sponsors/:sponsor_id/qualifiers/:question_id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/qualifiers/${v.questionId}`, body: { prompt: 'Hijacked?' } }),
  },
  {
    route: 'POST /v1/sponsorship-packages',
    request: (v) => ({
      path: '/v1/sponsorship-packages',
      body: { event_id: v.eventId, title: 'Hijacked', tier: 'gold', price_cents: 100, inventory: 1 },
    }),
  },
  {
    route: 'GET /v1/sponsorship-packages',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsorship-packages?event_id=${v.eventId}` }),
  },
  {
    route: 'GET /v1/sponsorship-packages/:id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsorship-packages/${v.packageId}` }),
  },
  {
    route: 'PATCH /v1/sponsorship-packages/:id',
    request: (v) => ({ path: `/v1/sponsorship-packages/${v.packageId}`, body: { price_cents: 1 } }),
  },
  {
    route: 'POST /v1/sponsorship-packages/:id(^[0-9a-fA-F-]+)::publish',
    request: (v) => ({ path: `/v1/sponsorship-packages/${v.packageId}:publish` }),
  },
  {
    route: 'POST /v1/proposals',
    kind: 'sponsor',
    request: (v) => ({
      path: '/v1/proposals',
      body: {
        event_id: v.eventId,
        sponsor_id: v.sponsorId,
        package_id: v.packageId,
        initial_message: { body: 'Hijacked', offer: { price_cents: 100 } },
      },
    }),
  },
  { route: 'GET /v1/proposals', kind: 'sponsor', request: () => ({ path: '/v1/proposals' }) },
  { route: 'GET /v1/proposals/:id', kind: 'sponsor', request: (v) => ({ path: `/v1/proposals/${v.threadId}` }) },
  {
    route: 'POST /v1/proposals/:id/messages',
    kind: 'sponsor',
    request: (v) => ({
      path: `/v1/proposals/${v.threadId}/messages`,
      body: { body: 'Hijacked', offer: { price_cents: 100 } },
    }),
  },
  {
    route: 'POST /v1/proposals/:id(^[0-9a-fA-F-]+)::send',
    request: (v) => ({ path: `/v1/proposals/${v.threadId}:send` }),
  },
  {
    route: 'POST /v1/proposals/:id(^[0-9a-fA-F-]+)::counter',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/proposals/${v.threadId}:counter`, body: { offer: { price_cents: 100 } } }),
  },
  {
    route: 'POST /v1/proposals/:id(^[0-9a-fA-F-]+)::reject',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/proposals/${v.threadId}:reject` }),
  },
  {
    route: 'POST /v1/proposals/:id(^[0-9a-fA-F-]+)::accept',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/proposals/${v.threadId}:accept` }),
  },
  {
    route: 'POST /v1/sponsorship-orders',
    kind: 'sponsor',
    request: (v) => ({
      path: '/v1/sponsorship-orders',
      body: {
        package_id: v.packageId,
        sponsor_id: v.sponsorId,
        event_id: v.eventId,
        amount_cents: 100,
        currency: 'USD',
      },
    }),
  },
  { route: 'GET /v1/sponsorship-orders', kind: 'sponsor', request: () => ({ path: '/v1/sponsorship-orders' }) },
  {
    route: 'GET /v1/sponsorship-orders/:id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsorship-orders/${v.orderId}` }),
  },
  {
    route: 'POST /v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::fund',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsorship-orders/${v.orderId}:fund`, body: { payment_method_id: 'pm_card_visa' } }),
  },
  {
    route: 'POST /v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::lock',
    request: (v) => ({ path: `/v1/sponsorship-orders/${v.orderId}:lock` }),
  },
  {
    route: 'POST /v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::release',
    request: (v) => ({ path: `/v1/sponsorship-orders/${v.orderId}:release` }),
  },
  {
    route: 'POST /v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::cancel',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsorship-orders/${v.orderId}:cancel` }),
  },
  {
    route: 'POST /v1/sponsorship-orders/:id(^[0-9a-fA-F-]+)::refund',
    request: (v) => ({ path: `/v1/sponsorship-orders/${v.orderId}:refund` }),
  },
  {
    route: 'PUT /v1/organizations/:org_id/payout-configuration',
    request: (_v, org) => ({ path: `/v1/organizations/${org}/payout-configuration`, body: {} }),
  },
  {
    route: 'GET /v1/organizations/:org_id/payout-configuration',
    request: (_v, org) => ({ path: `/v1/organizations/${org}/payout-configuration` }),
  },
  {
    route: 'POST /v1/event-sponsorships',
    request: (v) => ({
      path: '/v1/event-sponsorships',
      body: { event_id: v.eventId, sponsor_id: v.sponsorId, tier: 'Platinum', amount_cents: 1 },
    }),
  },
  { route: 'GET /v1/event-sponsorships/:id', request: (v) => ({ path: `/v1/event-sponsorships/${v.sponsorshipId}` }) },
  // Intelligence (issue 16)
  {
    route: 'POST /v1/matches/recompute',
    request: (v) => ({ path: '/v1/matches/recompute', body: { event_id: v.eventId, reason: 'probe' } }),
  },
  {
    route: 'POST /v1/matches/score-on-change',
    kind: 'sponsor',
    request: (v) => ({ path: '/v1/matches/score-on-change', body: { sponsor_ids: [v.sponsorId] } }),
  },
  {
    route: 'GET /v1/events/:event_id/sponsor-recommendations',
    request: (v) => ({ path: `/v1/events/${v.eventId}/sponsor-recommendations` }),
  },
  {
    route: 'GET /v1/events/:event_id/audience',
    request: (v) => ({ path: `/v1/events/${v.eventId}/audience` }),
  },
  {
    route: 'GET /v1/sponsors/:sponsor_id/event-recommendations',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/sponsors/${v.sponsorId}/event-recommendations` }),
  },
  {
    route: 'PATCH /v1/matches/:match_id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/matches/${v.matchId}`, body: { action: 'rejected' } }),
  },
  {
    route: 'POST /v1/matches/:match_id/feedback',
    request: (v) => ({ path: `/v1/matches/${v.matchId}/feedback`, body: { useful: false } }),
  },
  { route: 'GET /v1/search', kind: 'sponsor', request: () => ({ path: '/v1/search?q=secret%20summit&type=events' }) },
  {
    route: 'GET /v1/marketplace/package-cards',
    kind: 'sponsor',
    request: () => ({ path: '/v1/marketplace/package-cards' }),
  },
  {
    route: 'POST /v1/organizations/:org_id/api-keys',
    request: (_v, org) => ({ path: `/v1/organizations/${org}/api-keys`, body: { name: 'Hijacked' } }),
  },
  {
    route: 'GET /v1/organizations/:org_id/api-keys',
    request: (_v, org) => ({ path: `/v1/organizations/${org}/api-keys` }),
  },
  {
    route: 'DELETE /v1/organizations/:org_id/api-keys/:key_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/api-keys/${v.apiKeyId}` }),
  },
  // Fulfillment (issue 15)
  {
    route: 'POST /v1/deliverables',
    request: (v) => ({
      path: '/v1/deliverables',
      body: { event_id: v.eventId, sponsor_id: v.sponsorId, order_id: v.orderId, type: 'logo_placement' },
    }),
  },
  {
    route: 'GET /v1/deliverables',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables?event_id=${v.eventId}&status=pending,submitted,approved` }),
  },
  {
    route: 'GET /v1/deliverables/:id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables/${v.deliverableId}` }),
  },
  {
    route: 'POST /v1/deliverables/:id/proofs',
    request: (v) => ({
      path: `/v1/deliverables/${v.deliverableId}/proofs`,
      body: { asset_url: 'https://intruder.example/p.jpg', metrics: { impressions: 1 } },
    }),
  },
  {
    route: 'GET /v1/deliverables/:id/proofs/:proof_id/file',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables/${v.deliverableId}/proofs/${v.proofId}/file` }),
  },
  {
    route: 'GET /v1/deliverables/:id/verification',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables/${v.deliverableId}/verification` }),
  },
  {
    route: 'POST /v1/deliverables/:id(^[0-9a-fA-F-]+)::approve',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables/${v.deliverableId}:approve` }),
  },
  {
    route: 'POST /v1/deliverables/:id(^[0-9a-fA-F-]+)::needs_changes',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables/${v.deliverableId}:needs_changes`, body: { reason: 'Hijacked' } }),
  },
  {
    route: 'POST /v1/deliverables/:id(^[0-9a-fA-F-]+)::waive',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/deliverables/${v.deliverableId}:waive` }),
  },
  {
    route: 'GET /v1/reports/roi',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/reports/roi?order_id=${v.orderId}` }),
  },
  // Outbound webhooks (issue 14)
  {
    route: 'POST /v1/organizations/:org_id/webhook-endpoints',
    request: (_v, org) => ({
      path: `/v1/organizations/${org}/webhook-endpoints`,
      body: { url: 'http://127.0.0.1:9/hijack', events: ['order.funded'] },
    }),
  },
  {
    route: 'GET /v1/organizations/:org_id/webhook-endpoints',
    request: (_v, org) => ({ path: `/v1/organizations/${org}/webhook-endpoints` }),
  },
  {
    route: 'GET /v1/organizations/:org_id/webhook-endpoints/:endpoint_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}` }),
  },
  {
    route: 'PATCH /v1/organizations/:org_id/webhook-endpoints/:endpoint_id',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}`,
      body: { url: 'http://127.0.0.1:9/hijack' },
    }),
  },
  {
    route: 'DELETE /v1/organizations/:org_id/webhook-endpoints/:endpoint_id',
    request: (v, org) => ({ path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}` }),
  },
  {
    route: 'POST /v1/organizations/:org_id/webhook-endpoints/:endpoint_id(^[0-9a-fA-F-]+)::rotate-secret',
    request: (v, org) => ({ path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}:rotate-secret` }),
  },
  {
    route: 'POST /v1/organizations/:org_id/webhook-endpoints/:endpoint_id(^[0-9a-fA-F-]+)::test',
    request: (v, org) => ({ path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}:test` }),
  },
  {
    route: 'POST /v1/organizations/:org_id/webhook-endpoints/:endpoint_id(^[0-9a-fA-F-]+)::replay',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}:replay`,
      body: {},
    }),
  },
  {
    route: 'GET /v1/organizations/:org_id/webhook-endpoints/:endpoint_id/deliveries',
    request: (v, org) => ({ path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}/deliveries` }),
  },
  {
    route: 'GET /v1/organizations/:org_id/webhook-endpoints/:endpoint_id/deliveries/:delivery_id',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}/deliveries/${v.webhookDeliveryId}`,
    }),
  },
  {
    route:
      'POST /v1/organizations/:org_id/webhook-endpoints/:endpoint_id/deliveries/:delivery_id(^[0-9a-fA-F-]+)::replay',
    request: (v, org) => ({
      path: `/v1/organizations/${org}/webhook-endpoints/${v.webhookEndpointId}/deliveries/${v.webhookDeliveryId}:replay`,
    }),
  },
  // Email notification preferences (issue 14, seed 004)
  {
    route: 'GET /v1/me/notification-preferences',
    request: (v) => ({ path: `/v1/me/notification-preferences?event_id=${v.eventId}` }),
  },
  {
    route: 'PUT /v1/me/notification-preferences/:event_id',
    kind: 'sponsor',
    request: (v) => ({ path: `/v1/me/notification-preferences/${v.eventId}`, body: { lead_emails: 'each_hot_lead' } }),
  },
  // Command center (seed 001's second §20): workspaces, members, widgets, audit, telemetry.
  {
    route: 'POST /v1/sponsorship-workspaces',
    request: () => ({ path: '/v1/sponsorship-workspaces', body: { name: 'Hijacked', slug: 'hijacked' } }),
  },
  { route: 'GET /v1/sponsorship-workspaces', request: () => ({ path: '/v1/sponsorship-workspaces' }) },
  {
    route: 'GET /v1/sponsorship-workspaces/:workspace_id',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}` }),
  },
  {
    route: 'PATCH /v1/sponsorship-workspaces/:workspace_id',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}`, body: { name: 'Hijacked' } }),
  },
  {
    route: 'POST /v1/sponsorship-workspaces/:workspace_id/archive',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/archive` }),
  },
  {
    route: 'GET /v1/sponsorship-workspaces/:workspace_id/members',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/members` }),
  },
  {
    route: 'POST /v1/sponsorship-workspaces/:workspace_id/members',
    request: (v) => ({
      path: `/v1/sponsorship-workspaces/${v.workspaceId}/members`,
      body: { email: 'intruder@intruder.example', role: 'owner' },
    }),
  },
  {
    route: 'PATCH /v1/sponsorship-workspaces/:workspace_id/members/:user_id',
    request: (v) => ({
      path: `/v1/sponsorship-workspaces/${v.workspaceId}/members/${v.org.user.id}`,
      body: { role: 'viewer' },
    }),
  },
  {
    route: 'DELETE /v1/sponsorship-workspaces/:workspace_id/members/:user_id',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/members/${v.org.user.id}` }),
  },
  {
    route: 'PUT /v1/sponsorship-workspaces/:workspace_id/widgets/:widget_id',
    request: (v) => ({
      path: `/v1/sponsorship-workspaces/${v.workspaceId}/widgets/gmv`,
      body: { widget_type: 'funnel', config: {} },
    }),
  },
  {
    route: 'GET /v1/sponsorship-workspaces/:workspace_id/widgets',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/widgets` }),
  },
  {
    route: 'DELETE /v1/sponsorship-workspaces/:workspace_id/widgets/:widget_id',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/widgets/gmv` }),
  },
  {
    route: 'POST /v1/sponsorship-workspaces/:workspace_id/command-center',
    request: (v) => ({
      path: `/v1/sponsorship-workspaces/${v.workspaceId}/command-center`,
      body: { capture_rollups: true },
    }),
  },
  {
    route: 'GET /v1/sponsorship-workspaces/:workspace_id/command-center',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/command-center` }),
  },
  {
    route: 'GET /v1/sponsorship-workspaces/:workspace_id/audit',
    request: (v) => ({ path: `/v1/sponsorship-workspaces/${v.workspaceId}/audit` }),
  },
]

/** Routes that need a token but act only on the caller's own data. */
/** Routes for platform administrators only (users.is_platform_admin, set by ops): everyone else gets 403. */
const platformAdminOnly = [
  'PUT /v1/platform/organizations/:org_id/platform-fee',
  'DELETE /v1/platform/organizations/:org_id/platform-fee',
  'GET /v1/ops/overview',
  'POST /v1/ops/alerts/:alert_id/acknowledge',
]

/** Every GraphQL field is probed field by field in test/server/graphql/tenant-isolation.test.ts. */
const graphqlRoutes = ['GET /graphql', 'POST /graphql']

const userScoped = [
  'GET /v1/me',
  'GET /v1/my-sponsors',
  'POST /v1/sponsor-invitations/accept',
  'POST /v1/sync/pull',
  'POST /v1/sync/push',
  'GET /v1/webhook-event-types',
]

describeBackends('tenant isolation on %s', (backend) => {
  let server: TestServer
  let victim: Victim
  let intruder: SignedUp
  let sponsorIntruder: SignedUp

  beforeAll(async () => {
    server = await startTestServer({ backend })
    const org = await signUp(server.url, 'organizer', 'Victim')
    const event = await api(server.url, 'POST', '/v1/events', {
      token: org.access_token,
      orgId: org.orgId,
      body: { ...sampleEvent, title: 'Secret Summit' },
    })
    const tiers = await api(
      server.url,
      'POST',
      `/v1/organizations/${org.orgId}/events/${event.body.id}/sponsor-tiers/defaults`,
      { token: org.access_token, orgId: org.orgId },
    )
    const sponsorOrg = await signUp(server.url, 'sponsor', 'Victim Sponsor')
    const tierId = tiers.body.data[0].id
    const sponsorId = await addSponsorOrg(server.url, org, event.body.id, tierId, sponsorOrg)
    const invitation = await api(
      server.url,
      'POST',
      `/v1/organizations/${sponsorOrg.orgId}/sponsors/${sponsorId}/invitations`,
      {
        token: sponsorOrg.access_token,
        orgId: sponsorOrg.orgId,
        body: { email: 'pending@victim.example', role: 'viewer' },
      },
    )
    await api(server.url, 'POST', `/v1/events/${event.body.id}/attendees`, {
      token: org.access_token,
      orgId: org.orgId,
      body: [
        { badge_code: 'VIC-1', name: 'Secret Summit Guest', email: 'guest@victim.example', consent_to_share: true },
      ],
    })
    const rep = await signUp(server.url, 'organizer', 'Victim Rep')
    const sponsorUserId = await upsertSponsorUser(server.db, {
      sponsorId,
      sponsorOrgId: sponsorOrg.orgId,
      userId: rep.user.id,
      role: 'viewer',
      permissions: ['sponsor:leads:read'],
    })
    const asSponsor = { token: sponsorOrg.access_token, orgId: sponsorOrg.orgId }
    const question = await api(server.url, 'POST', `/v1/sponsors/${sponsorId}/events/${event.body.id}/qualifiers`, {
      ...asSponsor,
      body: { prompt: 'Secret Summit budget?', kind: 'text' },
    })
    const lead = await api(server.url, 'POST', `/v1/events/${event.body.id}/sponsors/${sponsorId}/capture-lead`, {
      ...asSponsor,
      body: { badge_code: 'VIC-1', interaction: 'booth_visit' },
    })
    // Commerce: a private package sold to the victim sponsor through an order, and a thread about it.
    const asOrg = { token: org.access_token, orgId: org.orgId }
    await api(server.url, 'PUT', `/v1/organizations/${org.orgId}/payout-configuration`, {
      ...asOrg,
      body: { platform_fee_percentage: 0.1 },
    })
    const pkg = await api(server.url, 'POST', '/v1/sponsorship-packages', {
      ...asOrg,
      body: {
        event_id: event.body.id,
        title: 'Secret Summit Gold',
        tier: 'gold',
        price_cents: 90000,
        inventory: 5,
        visibility: 'private',
      },
    })
    await api(server.url, 'POST', `/v1/sponsorship-packages/${pkg.body.id}:publish`, asOrg)
    const thread = await api(server.url, 'POST', '/v1/proposals', {
      ...asOrg,
      body: {
        event_id: event.body.id,
        sponsor_id: sponsorId,
        package_id: pkg.body.id,
        initial_message: { body: 'Secret Summit offer', offer: { price_cents: 80000 } },
      },
    })
    await api(server.url, 'POST', `/v1/proposals/${thread.body.id}:send`, asOrg)
    // Organizers offer through proposals; the sponsor's acceptance makes the order.
    const order = await api(server.url, 'POST', `/v1/proposals/${thread.body.id}:accept`, asSponsor)
    await api(server.url, 'POST', `/v1/sponsorship-orders/${order.body.order?.id}:fund`, {
      ...asSponsor,
      body: { payment_method_id: 'pm_card_visa' },
    })
    const sponsorship = await api(server.url, 'POST', '/v1/event-sponsorships', {
      ...asOrg,
      body: { event_id: event.body.id, sponsor_id: sponsorId, tier: tiers.body.data[0].name, amount_cents: 90000 },
    })
    for (const made of [pkg, thread, order, sponsorship])
      if (made.status >= 300) throw new Error(`victim setup failed: ${JSON.stringify(made.body)}`)
    const targeted = await api(server.url, 'PATCH', `/v1/sponsors/${sponsorId}/profile`, {
      ...asSponsor,
      body: { preferred_categories: ['technology'], regions: ['US'] },
    })
    if (targeted.status !== 200) throw new Error(`victim targeting failed: ${JSON.stringify(targeted.body)}`)
    await computeMatches(server.db, { all: true })
    const match = await server.db.query('SELECT id FROM sponsorship_matches WHERE event_id = $1 AND sponsor_id = $2', [
      event.body.id,
      sponsorId,
    ])
    const apiKey = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/api-keys`, {
      ...asOrg,
      body: { name: 'Secret Summit ingestion' },
    })
    const deliverable = await api(server.url, 'POST', '/v1/deliverables', {
      ...asOrg,
      body: {
        event_id: event.body.id,
        sponsor_id: sponsorId,
        order_id: order.body.order.id,
        type: 'logo_placement',
        spec: { placement: 'Secret Summit stage' },
      },
    })
    const proved = await api(server.url, 'POST', `/v1/deliverables/${deliverable.body.id}/proofs`, {
      ...asOrg,
      body: { asset_url: 'https://victim.example/secret-summit.jpg', metrics: { impressions: 5 } },
    })
    if (proved.status !== 201) throw new Error(`victim proof failed: ${JSON.stringify(proved.body)}`)
    const hook = await api(server.url, 'POST', `/v1/organizations/${org.orgId}/webhook-endpoints`, {
      ...asOrg,
      body: { url: 'http://127.0.0.1:9/secret-summit', events: ['order.funded'], description: 'Secret Summit hook' },
    })
    const hookTest = await api(
      server.url,
      'POST',
      `/v1/organizations/${org.orgId}/webhook-endpoints/${hook.body.id}:test`,
      asOrg,
    )
    if (hook.status !== 201 || hookTest.status !== 202)
      throw new Error(`victim webhook setup failed: ${JSON.stringify([hook.body, hookTest.body])}`)
    const preferences = [
      await api(server.url, 'PUT', `/v1/me/notification-preferences/${event.body.id}`, {
        ...asOrg,
        body: { moments: ['order.funded'] },
      }),
      await api(server.url, 'PUT', `/v1/me/notification-preferences/${event.body.id}`, {
        ...asSponsor,
        body: { lead_emails: 'hourly_digest' },
      }),
    ]
    if (preferences.some((p) => p.status !== 200))
      throw new Error(`victim preferences failed: ${JSON.stringify(preferences.map((p) => p.body))}`)
    const workspace = await api(server.url, 'POST', '/v1/sponsorship-workspaces', {
      ...asOrg,
      body: { name: 'Secret Summit board', slug: 'secret-summit', settings: { event_ids: [event.body.id] } },
    })
    const widget = await api(server.url, 'PUT', `/v1/sponsorship-workspaces/${workspace.body.id}/widgets/gmv`, {
      ...asOrg,
      body: { widget_type: 'kpi_tile', config: { metric: 'gmv', title: 'Secret Summit GMV' } },
    })
    if (widget.status !== 201) throw new Error(`victim workspace failed: ${JSON.stringify(widget.body)}`)
    victim = {
      org,
      eventId: event.body.id,
      tierId,
      sponsorOrg,
      sponsorId,
      invitationId: invitation.body.invitation.id,
      sponsorUserId,
      leadId: lead.body.id,
      questionId: question.body.id,
      packageId: pkg.body.id,
      threadId: thread.body.id,
      orderId: order.body.order.id,
      sponsorshipId: sponsorship.body.id,
      matchId: match.rows[0]!.id,
      apiKeyId: apiKey.body.id,
      deliverableId: deliverable.body.id,
      proofId: proved.body.proofs[0].id,
      webhookEndpointId: hook.body.id,
      webhookDeliveryId: hookTest.body.delivery_id,
      workspaceId: workspace.body.id,
    }
    intruder = await signUp(server.url, 'organizer', 'Intruder')
    sponsorIntruder = await signUp(server.url, 'sponsor', 'Sponsor Intruder')
  })
  afterAll(() => server.close())

  const snapshot = async () => [
    (
      await server.db.query('SELECT id, title, updated_at FROM events WHERE org_id = $1 ORDER BY id', [
        victim.org.orgId,
      ])
    ).rows,
    (
      await server.db.query('SELECT id, name, updated_at FROM sponsor_tiers WHERE org_id = $1 ORDER BY id', [
        victim.org.orgId,
      ])
    ).rows,
    (await server.db.query('SELECT count(*)::int AS n FROM sponsor_tiers WHERE event_id = $1', [victim.eventId])).rows,
    (
      await server.db.query(
        'SELECT id, tier_id, is_featured, archived_at, updated_at FROM event_sponsorships WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (await server.db.query('SELECT id, company_name, updated_at FROM sponsors WHERE id = $1', [victim.sponsorId])).rows,
    (
      await server.db.query(
        'SELECT id, status, token_hash, send_count FROM sponsor_invitations WHERE sponsor_id = $1 ORDER BY id',
        [victim.sponsorId],
      )
    ).rows,
    (
      await server.db.query('SELECT id, role, permissions FROM sponsor_users WHERE sponsor_id = $1 ORDER BY id', [
        victim.sponsorId,
      ])
    ).rows,
    (await server.db.query('SELECT count(*)::int AS n FROM memberships WHERE org_id = $1', [victim.sponsorOrg.orgId]))
      .rows,
    (
      await server.db.query(
        'SELECT id, name, consent_to_share, updated_at FROM attendees WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT id, intent_score, capture_count, is_starred, updated_at FROM leads WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (await server.db.query('SELECT count(*)::int AS n FROM lead_captures')).rows,
    (
      await server.db.query('SELECT id, prompt, updated_at FROM qualifier_questions WHERE event_id = $1 ORDER BY id', [
        victim.eventId,
      ])
    ).rows,
    (
      await server.db.query(
        'SELECT id, price_cents, sold, version, is_active, updated_at FROM sponsorship_packages WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (
      await server.db.query('SELECT id, status, updated_at FROM proposal_threads WHERE event_id = $1 ORDER BY id', [
        victim.eventId,
      ])
    ).rows,
    (await server.db.query('SELECT count(*)::int AS n FROM proposal_messages WHERE org_id = $1', [victim.org.orgId]))
      .rows,
    (
      await server.db.query(
        'SELECT id, escrow_state, status, refunded_cents, updated_at FROM sponsorship_orders WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (await server.db.query('SELECT count(*)::int AS n FROM ledger_entries')).rows,
    (
      await server.db.query(
        'SELECT stripe_connect_account_id, updated_at FROM payout_configurations WHERE org_id = $1',
        [victim.org.orgId],
      )
    ).rows,
    (
      await server.db.query('SELECT platform_fee_percentage FROM platform_fee_overrides WHERE org_id = $1', [
        victim.org.orgId,
      ])
    ).rows,
    (
      await server.db.query(
        'SELECT amount_cents, activation_status, updated_at FROM event_sponsorships WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT id, status, viewed_at, contacted_at, updated_at FROM sponsorship_matches WHERE event_id = $1 OR sponsor_id = $2 ORDER BY id',
        [victim.eventId, victim.sponsorId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT count(*)::int AS n FROM match_feedback f JOIN sponsorship_matches m ON m.id = f.match_id WHERE m.event_id = $1',
        [victim.eventId],
      )
    ).rows,
    (
      await server.db.query('SELECT count(*)::int AS n FROM fit_recalc_queue WHERE event_id = $1 OR sponsor_id = $2', [
        victim.eventId,
        victim.sponsorId,
      ])
    ).rows,
    (await server.db.query('SELECT updated_at FROM sponsor_profiles WHERE sponsor_id = $1', [victim.sponsorId])).rows,
    (
      await server.db.query('SELECT id, name, revoked_at FROM organization_api_keys WHERE org_id = $1 ORDER BY id', [
        victim.org.orgId,
      ])
    ).rows,
    (
      await server.db.query(
        'SELECT id, status, proof_count, chain_head, updated_at FROM deliverables WHERE event_id = $1 ORDER BY id',
        [victim.eventId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT count(*)::int AS n FROM deliverable_proofs UNION ALL SELECT count(*)::int FROM deliverable_reviews UNION ALL SELECT count(*)::int FROM sponsor_conversions',
      )
    ).rows,
    (
      await server.db.query(
        'SELECT id, url, events, enabled, secret, updated_at FROM webhook_endpoints WHERE org_id = $1 ORDER BY id',
        [victim.org.orgId],
      )
    ).rows,
    (
      await server.db.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE org_id = $1 AND is_test', [
        victim.org.orgId,
      ])
    ).rows,
    (
      await server.db.query(
        'SELECT id, name, slug, settings, command_center_enabled, archived_at, updated_at FROM sponsorship_workspaces WHERE org_id = $1 ORDER BY id',
        [victim.org.orgId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT user_id, role, updated_at FROM sponsorship_workspace_members WHERE workspace_id = $1 ORDER BY user_id',
        [victim.workspaceId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT widget_id, config, layout, version FROM sponsorship_workspace_widgets WHERE workspace_id = $1 ORDER BY widget_id',
        [victim.workspaceId],
      )
    ).rows,
    (
      await server.db.query(
        'SELECT user_id, org_id, lead_emails, moments, updated_at FROM notification_preferences WHERE event_id = $1 ORDER BY user_id',
        [victim.eventId],
      )
    ).rows,
    (
      await server.db.query('SELECT count(*)::int AS n FROM sponsorship_workspace_audit WHERE workspace_id = $1', [
        victim.workspaceId,
      ])
    ).rows,
  ]
  const send = (probe: Probe, caller: SignedUp, orgId: string) => {
    const { path, body, contentType } = probe.request(victim, orgId)
    const [method] = probe.route.split(' ')
    return contentType
      ? api(server.url, method!, path, {
          token: caller.access_token,
          orgId,
          rawBody: String(body),
          headers: { 'content-type': contentType },
        })
      : api(server.url, method!, path, { token: caller.access_token, orgId, body })
  }
  const actors = (probe: Probe) =>
    probe.kind === 'sponsor'
      ? { caller: sponsorIntruder, victimOrgId: victim.sponsorOrg.orgId }
      : { caller: intruder, victimOrgId: victim.org.orgId }

  it('has a probe for every authenticated route', () => {
    const routes = server.app.routeTable
      .filter((route) => route.config?.access !== 'public')
      .flatMap((route) => [route.method].flat().map((m) => `${m} ${route.url}`))
      // HEAD mirrors GET; OPTIONS is the credential-free CORS preflight.
      .filter((route) => !route.startsWith('HEAD ') && !route.startsWith('OPTIONS '))
    const covered = new Set([...orgScoped.map((p) => p.route), ...userScoped, ...platformAdminOnly, ...graphqlRoutes])
    expect(routes.filter((route) => !covered.has(route))).toEqual([])
  })

  it.each(orgScoped)("refuses $route with another organization's X-Org-Id and changes nothing", async (probe) => {
    const before = await snapshot()
    const { caller, victimOrgId } = actors(probe)
    const response = await send(probe, caller, victimOrgId)
    expect(response.status).toBe(403)
    expect(JSON.stringify(response.body)).not.toContain('Secret Summit')
    expect(await snapshot()).toEqual(before)
  })

  it.each(orgScoped)(
    "does not reach the other organization's rows through $route with the intruder's own org",
    async (probe) => {
      const before = await snapshot()
      const { caller } = actors(probe)
      const response = await send(probe, caller, caller.orgId)
      expect([200, 201, 404]).toContain(response.status)
      expect(JSON.stringify(response.body)).not.toContain('Secret Summit')
      expect(JSON.stringify(response.body)).not.toContain(victim.eventId)
      expect(JSON.stringify(response.body)).not.toContain('Victim Sponsor')
      expect(JSON.stringify(response.body)).not.toContain('guest@victim.example')
      expect(await snapshot()).toEqual(before)
    },
  )

  it.each(platformAdminOnly)("refuses %s to an organizer, for another organization's fee or its own", async (route) => {
    const before = await snapshot()
    const [method, path] = route.split(' ')
    for (const orgId of [victim.org.orgId, intruder.orgId]) {
      const body = method === 'PUT' ? { platform_fee_percentage: 0 } : undefined
      const response = await api(server.url, method!, path!.replace(':org_id', orgId), {
        token: intruder.access_token,
        orgId: intruder.orgId,
        ...(body ? { body } : {}),
      })
      expect(response.status).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('keeps GET /v1/me and GET /v1/my-sponsors to the caller', async () => {
    const me = await api(server.url, 'GET', '/v1/me', { token: intruder.access_token, orgId: victim.org.orgId })
    expect(me.body.orgs.map((o: { id: string }) => o.id)).toEqual([intruder.orgId])
    const mine = await api(server.url, 'GET', '/v1/my-sponsors', {
      token: sponsorIntruder.access_token,
      orgId: victim.sponsorOrg.orgId,
    })
    expect(mine.body.data.map((s: { id: string }) => s.id)).not.toContain(victim.sponsorId)
  })

  it("keeps another organization's leads and directory out of sync pulls and pushes", async () => {
    const pulled = await api(server.url, 'POST', '/v1/sync/pull', {
      token: sponsorIntruder.access_token,
      body: { cursor: 0, limit: 5000 },
    })
    expect(pulled.status).toBe(200)
    expect(JSON.stringify(pulled.body)).not.toMatch(/Secret Summit|guest@victim/)
    const before = await snapshot()
    const pushed = await api(server.url, 'POST', '/v1/sync/push', {
      token: sponsorIntruder.access_token,
      body: {
        client_id: 'intruder-device',
        mutations: [
          {
            mutation_id: 1,
            name: 'lead.capture',
            args: {
              sponsor_id: victim.sponsorId,
              event_id: victim.eventId,
              lead_id: '00000000-0000-4000-8000-000000000001',
              badge_code: 'VIC-1',
              interaction: 'demo_request',
              captured_at: new Date().toISOString(),
            },
          },
        ],
      },
    })
    expect(pushed.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } })
    expect(await snapshot()).toEqual(before)
  })

  it("refuses to join another organization's realtime room", async () => {
    const socket = io(server.url, { auth: { token: intruder.access_token }, transports: ['websocket'] })
    try {
      const reply = await socket.timeout(5000).emitWithAck('org.join', { org_id: victim.org.orgId })
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    } finally {
      socket.disconnect()
    }
  })

  it("refuses to join another organization's command center room", async () => {
    const socket = io(server.url, { auth: { token: intruder.access_token }, transports: ['websocket'] })
    try {
      const reply = await socket.timeout(5000).emitWithAck('command_center.join', { workspace_id: victim.workspaceId })
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    } finally {
      socket.disconnect()
    }
  })

  it('hides other organizations rows even from a query that forgets the org filter (row-level security)', async () => {
    const rows = await server.db.tenantTransaction(
      { orgId: intruder.orgId, userId: intruder.user.id },
      async (tx) => (await tx.query('SELECT id FROM events')).rows,
    )
    expect(rows.map((r) => r.id)).not.toContain(victim.eventId)
    const leads = await server.db.tenantTransaction(
      { orgId: sponsorIntruder.orgId, userId: sponsorIntruder.user.id },
      async (tx) =>
        (
          await tx.query(
            'SELECT id FROM leads UNION ALL SELECT id FROM attendees UNION ALL SELECT id FROM sponsor_invitations',
          )
        ).rows,
    )
    expect(leads).toEqual([])
    await expect(
      server.db
        .tenantTransaction({ orgId: intruder.orgId, userId: intruder.user.id }, (tx) =>
          tx.query(`UPDATE events SET org_id = $1 WHERE id = $2 RETURNING id`, [intruder.orgId, victim.eventId]),
        )
        .then((r) => r.rowCount),
    ).resolves.toBe(0)
  })
})
