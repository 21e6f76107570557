// The desktop core: plain Node, shared by Electron's main process and the web host.
// It owns the replica and the session; the renderer reaches it only through the typed commands.
import { join } from 'node:path'
import { Value } from 'typebox/value'
import {
  desktopCommands,
  isDesktopCommandName,
  type CommandArgs,
  type CommandResult,
  type ConnectionState,
  type DesktopCommandName,
  type DesktopEvent,
  type DesktopEventListener,
  type SessionStatus,
  type SponsorChoice,
  type SyncStatus,
} from '../../shared/desktop-api'
import type { AuthSession, EventRecord } from '../../shared/domain'
import { mutationNames } from '../../shared/sync/sync-protocol'
import { openReplica, type Replica } from './db/replica'
import { SessionStore, type StoredSession } from './db/session-store'
import { EventsStore } from './db/events-store'
import { SyncStore } from './db/sync-store'
import { LeadReviewStore } from './db/lead-review-store'
import { SyncEngine } from './sync/sync-engine'
import { Booth } from './sync/booth'
import { LeadReview } from './sync/lead-review'
import { DesktopError, OfflineError } from './desktop-error'
import { ApiError, requestJson, ServerClient } from './session/server-client'
import { RealtimeLink } from './session/realtime-link'
import { commerceHandlers } from './commerce/commerce-handlers'
import { opsHandlers } from './ops/ops-handlers'
import { orgHandlers } from './org/org-handlers'
import { commandCenterHandlers } from './command-center/command-center-handlers'
import { CommandCenterStore } from './db/command-center-store'
import { webhookHandlers } from './webhooks/webhook-handlers'
import { fulfillmentHandlers } from './fulfillment/fulfillment-handlers'
import { intelligenceHandlers } from './intelligence/intelligence-handlers'
import { notificationHandlers } from './notifications/notification-handlers'

export interface DesktopCoreOptions {
  dataDir: string
  defaultServerUrl: string
  /** Sync tuning (tests shorten the backoff). */
  sync?: { minDelayMs?: number; maxDelayMs?: number; pushBatch?: number; pullPage?: number }
  /** Test hook: a slow device — each capture waits this long before it is written, so saves overlap. */
  captureDelayMs?: number
}

type Listener = DesktopEventListener
type Handlers = { [C in DesktopCommandName]: (args: CommandArgs<C>) => Promise<CommandResult<C>> }

export class DesktopCore {
  private readonly replica: Replica
  private readonly sessions: SessionStore
  private readonly events: EventsStore
  private readonly syncStore: SyncStore
  private readonly booth: Booth
  private readonly leadReview: LeadReview
  private readonly engine: SyncEngine
  private readonly listeners = new Set<Listener>()
  private session: StoredSession | null
  private client: ServerClient | null = null
  private link: RealtimeLink | null = null
  private connection: ConnectionState = 'signed-out'
  private readonly commandCenter: CommandCenterStore
  /** The command center on screen, whose live stream the link follows. */
  private followedWorkspace: string | null = null

  constructor(private readonly options: DesktopCoreOptions) {
    this.replica = openReplica(join(options.dataDir, 'replica.sqlite'))
    this.sessions = new SessionStore(this.replica)
    this.events = new EventsStore(this.replica)
    this.syncStore = new SyncStore(this.replica)
    this.commandCenter = new CommandCenterStore(this.replica)
    this.booth = new Booth(this.syncStore)
    this.leadReview = new LeadReview(new LeadReviewStore(this.replica), this.syncStore)
    this.engine = new SyncEngine({
      store: this.syncStore,
      client: () => this.client,
      onChange: () => this.emit('sync-changed', this.syncStatus()),
      // Access to a sponsor ended or came back: the cached sponsor list follows the server's.
      onAccessChanged: () => void this.refreshSponsors().catch(() => {}),
      ...options.sync,
    })
    this.session = this.sessions.load()
    if (this.session) this.connect(this.session)
  }

  /** Runs a sync now and waits for it (tests and the "Sync now" button). */
  syncNow(): Promise<void> {
    return this.engine.sync().catch(() => {})
  }

  /** Runs a command by name after validating its arguments against the contract. */
  invoke<C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>
  invoke(command: string, args: unknown): Promise<unknown>
  async invoke(command: string, args: unknown): Promise<unknown> {
    if (!isDesktopCommandName(command)) throw new DesktopError('unknown-command', `There is no command "${command}".`)
    const schema = desktopCommands[command].args
    const input = args ?? {}
    if (!Value.Check(schema, input)) {
      const first = [...Value.Errors(schema, input)][0]
      throw new DesktopError(
        'invalid-arguments',
        `Invalid arguments for ${command}: ${first?.instancePath || 'value'} ${first?.message ?? ''}`.trim(),
      )
    }
    const handler = this.handlers[command] as (args: unknown) => Promise<unknown>
    return handler(input)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.engine.stop()
    this.link?.close()
    this.listeners.clear()
    this.replica.close()
  }

  /** The signed-in user's server client; throws when nobody is signed in. */
  private sessionClient(): ServerClient {
    this.requireSession()
    return this.client!
  }

  /** The active organization; throws when none is chosen. */
  private sessionOrgId(): string {
    const session = this.requireSession()
    if (!session.activeOrgId) throw new DesktopError('org-required', 'Choose an organization first.')
    return session.activeOrgId
  }

  private readonly handlers: Handlers = {
    ...opsHandlers(() => {
      this.requireSession()
      return this.client!
    }),
    ...webhookHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
    }),
    ...fulfillmentHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
    }),
    ...intelligenceHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
    }),
    ...notificationHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
    }),
    ...commerceHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
    }),
    ...orgHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
      // An accepted invitation adds a sponsor seat (and maybe an organization): fresh tokens carry the orgs.
      onSeatsChanged: async () => {
        await this.client!.refresh()
        await this.refreshSponsors().catch(() => {})
        this.publishStatus()
      },
    }),
    ...commandCenterHandlers({
      client: () => this.sessionClient(),
      orgId: () => this.sessionOrgId(),
      store: () => this.commandCenter,
      follow: (workspaceId) => {
        const previous = this.followedWorkspace
        this.followedWorkspace = workspaceId
        if (previous !== workspaceId) void this.link?.joinCommandCenter(previous)
      },
    }),
    'sponsors-list': async () => {
      this.requireSession()
      try {
        return { sponsors: await this.refreshSponsors(), source: 'server' as const }
      } catch (error) {
        if (!(error instanceof OfflineError)) throw error
        return { sponsors: this.syncStore.sponsors<SponsorChoice>(), source: 'replica' as const }
      }
    },
    'booth-capture': async (args) => {
      this.requireSession()
      if (this.options.captureDelayMs) await new Promise((resolve) => setTimeout(resolve, this.options.captureDelayMs))
      const capture = this.booth.capture(args)
      this.emit('sync-changed', this.syncStatus())
      void this.engine.sync().catch(() => {})
      return capture
    },
    'booth-recent': async ({ sponsorId, eventId, limit }) => this.booth.recent(sponsorId, eventId, limit),
    'leads-list': async (args) => this.booth.leads(args),
    'leads-page': async (args) => this.leadReview.page(args),
    'lead-detail': async ({ sponsorId, leadId }) => this.leadReview.detail(sponsorId, leadId),
    'leads-sponsors': async () => ({ sponsors: this.syncStore.sponsors<SponsorChoice>() }),
    'lead-update': async (args) => {
      const lead = this.booth.updateLead(args)
      void this.engine.sync().catch(() => {})
      return lead
    },
    'booth-questions': async ({ sponsorId, eventId }) => ({ questions: this.syncStore.questions(sponsorId, eventId) }),
    'leads-export': async ({ sponsorId }) => {
      this.requireSession()
      const sponsor = this.syncStore.sponsors<SponsorChoice>().find((candidate) => candidate.id === sponsorId)
      if (!sponsor) throw new DesktopError('sponsor-not-found', 'Pick one of your sponsors first.')
      const csv = await this.client!.download(`/v1/sponsors/${sponsorId}/leads/export`, { orgId: sponsor.org_id })
      // The renderer saves it where the user chooses; nothing is written on this machine's disk here.
      const fileName = `leads-${sponsor.company_name.replace(/\W+/g, '-').toLowerCase()}-${new Date().toISOString().slice(0, 10)}.csv`
      return { fileName, csv, bytes: Buffer.byteLength(csv) }
    },
    'sync-status': async () => this.syncStatus(),
    'sync-now': async () => {
      await this.syncNow()
      return this.syncStatus()
    },
    'pending-export': async () => this.booth.pendingExport(),
    'pending-export-saved': async (receipt) => {
      const left = this.booth.confirmExported(receipt)
      this.emit('sync-changed', this.syncStatus())
      return left
    },
    'rejected-discard': async ({ mutationIds, leadIds, all }) => {
      const discarded = this.syncStore.rejected.discard(all ? 'all' : { mutationIds, leadIds })
      this.emit('sync-changed', this.syncStatus())
      return { discarded }
    },
    'notices-dismiss': async ({ ids, all }) => {
      const dismissed = this.syncStore.notices.dismiss(all ? 'all' : (ids ?? []))
      this.emit('sync-changed', this.syncStatus())
      return { dismissed }
    },
    'session-status': async () => this.status(),
    'session-login': async ({ serverUrl, email, password }) => {
      const url = normalizeServerUrl(serverUrl)
      let auth: AuthSession
      try {
        auth = await requestJson<AuthSession>(url, 'POST', '/v1/auth/login', {
          body: { email, password, device_id: this.sessions.deviceId() },
        })
      } catch (error) {
        if (error instanceof ApiError && error.status === 401)
          throw new DesktopError('invalid-credentials', 'The email or password is wrong.')
        throw error
      }
      const owner = this.syncStore.owner()
      if (owner && owner.id !== auth.user.id && this.syncStore.hasUnexportedChanges()) {
        await requestJson(url, 'POST', '/v1/auth/logout', { body: { refresh_token: auth.refresh_token } }).catch(
          () => {},
        )
        throw new DesktopError(
          'unsynced-leads',
          `This device holds captures by ${owner.email} that the server has not accepted. Sign in as ${owner.email} to send them, or export them to a file first.`,
        )
      }
      if (owner?.id !== auth.user.id) this.syncStore.clear()
      this.syncStore.setOwner(auth.user)
      this.link?.close()
      const session: StoredSession = {
        serverUrl: url,
        accessToken: auth.access_token,
        refreshToken: auth.refresh_token,
        user: auth.user,
        orgs: auth.orgs,
        activeOrgId: auth.orgs[0]?.id ?? null,
      }
      this.sessions.save(session)
      this.session = session
      this.connect(session)
      await this.landOnSponsorSeat()
      return this.publishStatus()
    },
    'session-logout': async () => {
      if (this.syncStore.hasUnexportedChanges()) {
        const pending = this.syncStore.pendingCount()
        const refused = this.syncStore.rejected.unexportedCount()
        const what = [
          pending > 0
            ? `${pending === 1 ? '1 change has' : `${pending} changes have`} not reached the server yet`
            : null,
          refused > 0
            ? `${refused === 1 ? '1 change was' : `${refused} changes were`} not accepted by the server`
            : null,
        ]
        throw new DesktopError(
          'unsynced-leads',
          `${what.filter(Boolean).join(' and ')}. Export them to a file first${pending > 0 ? ', or sync before signing out' : ''}.`,
        )
      }
      const session = this.session
      if (session) {
        await requestJson(session.serverUrl, 'POST', '/v1/auth/logout', {
          body: { refresh_token: session.refreshToken },
        }).catch(() => {})
      }
      this.signOut()
      return this.status()
    },
    'org-select': async ({ orgId }) => {
      const session = this.requireSession()
      if (!session.orgs.some((org) => org.id === orgId))
        throw new DesktopError('not-a-member', 'You are not a member of that organization.')
      this.session = { ...session, activeOrgId: orgId }
      this.sessions.save(this.session)
      void this.link?.joinOrg()
      return this.publishStatus()
    },
    'events-list': async () => {
      const session = this.requireSession()
      const org = session.orgs.find((candidate) => candidate.id === session.activeOrgId)
      // A sponsor organization runs no events: nothing to list, which is not an offline fact.
      if (!org || org.kind !== 'organizer') return { events: [], source: 'server' as const }
      try {
        const page = await this.client!.request<{ data: EventRecord[] }>('GET', '/v1/events?limit=200', {
          orgId: org.id,
        })
        this.events.replaceForOrg(org.id, page.data)
        return { events: page.data, source: 'server' as const }
      } catch (error) {
        if (!(error instanceof OfflineError)) throw error
        return { events: this.events.listForOrg(org.id), source: 'replica' as const }
      }
    },
  }

  private connect(session: StoredSession) {
    this.client = new ServerClient({
      serverUrl: session.serverUrl,
      tokens: () => ({ accessToken: this.session!.accessToken, refreshToken: this.session!.refreshToken }),
      onTokens: (auth) => {
        if (!this.session) return
        this.session = {
          ...this.session,
          accessToken: auth.access_token,
          refreshToken: auth.refresh_token,
          user: auth.user,
          orgs: auth.orgs,
        }
        this.sessions.save(this.session)
      },
      onSignedOut: () => this.signOut(),
    })
    const client = this.client
    this.link = new RealtimeLink({
      serverUrl: session.serverUrl,
      accessToken: () => this.session?.accessToken ?? '',
      orgId: () => this.session?.activeOrgId ?? null,
      refreshToken: () => client.refresh(),
      onConnection: (state) => this.setConnection(state),
      onEventUpdated: (event) => {
        this.events.upsert(event)
        this.emit('events-changed', { orgId: event.org_id })
      },
      sponsorIds: () => this.syncStore.sponsors<SponsorChoice>().map((sponsor) => sponsor.id),
      onPoke: () => void this.engine.sync().catch(() => {}),
      onCommerceChanged: (change) => this.emit('commerce-changed', change),
      onLeadCounts: (counts) => this.emit('lead-counts-changed', counts),
      onImportProgress: (progress) => this.emit('attendees-import-progress', progress),
      commandCenterWorkspace: () => this.followedWorkspace,
      onCommandCenterDelta: (delta) => this.emit('command-center-delta', delta),
      onWidgetUpdated: (update) => this.emit('command-center-widget', update),
    })
    void this.engine.sync().catch(() => {})
  }

  private syncStatus(): SyncStatus {
    return {
      pending: this.syncStore.pendingCount(),
      lastSyncedAt: this.syncStore.lastSyncedAt(),
      isReachable: this.engine.isReachable,
      lastError: this.engine.lastError,
      ...this.engine.progress,
      rejected: this.syncStore.rejectedCaptures().map((row) => ({ ...row })),
      rejectedEdits: this.syncStore.rejected
        .list(50)
        .filter((m) => m.name !== mutationNames.captureLead)
        .map((m) => ({ ...m })),
      unexported: this.syncStore.unexportedCount(),
      notices: this.syncStore.notices.list(),
    }
  }

  /**
   * At sign-in, someone who staffs a sponsor lands in that sponsor's organization (its Booth and Leads), not in
   * the organizer organization every sign-up makes; they switch with "Organization" as they need.
   */
  private async landOnSponsorSeat() {
    const session = this.session
    if (!session) return
    const seats = await this.refreshSponsors().catch(() => this.syncStore.sponsors<SponsorChoice>())
    const seatOrg = session.orgs.find((org) => org.kind === 'sponsor' && seats.some((seat) => seat.org_id === org.id))
    if (!seatOrg || seatOrg.id === session.activeOrgId) return
    this.session = { ...session, activeOrgId: seatOrg.id }
    this.sessions.save(this.session)
    void this.link?.joinOrg()
  }

  /** The sponsors this user represents, from the server, kept for offline use. */
  private async refreshSponsors(): Promise<SponsorChoice[]> {
    if (!this.client) return this.syncStore.sponsors<SponsorChoice>()
    const mine = await this.client.request<{ data: SponsorChoice[] }>('GET', '/v1/my-sponsors')
    this.syncStore.saveSponsors(mine.data)
    void this.link?.joinSponsors()
    return mine.data
  }

  /** Ends the session. Unsynced captures stay on the device (a forced sign-out must not lose leads). */
  private signOut() {
    if (!this.syncStore.hasUnexportedChanges()) this.syncStore.clear()
    this.commandCenter.clear()
    this.followedWorkspace = null
    this.link?.close()
    this.link = null
    this.client = null
    this.session = null
    this.sessions.clear()
    this.setConnection('signed-out')
    this.publishStatus()
  }

  private requireSession(): StoredSession {
    if (!this.session || !this.client) throw new DesktopError('signed-out', 'Sign in first.')
    return this.session
  }

  private setConnection(state: ConnectionState) {
    if (state === this.connection) return
    this.connection = state
    this.emit('connection-changed', { connection: state })
  }

  private status(): SessionStatus {
    const session = this.session
    if (!session) return { state: 'signed-out', defaultServerUrl: this.options.defaultServerUrl }
    return {
      state: 'signed-in',
      serverUrl: session.serverUrl,
      user: session.user,
      orgs: session.orgs,
      activeOrgId: session.activeOrgId,
      connection: this.connection === 'signed-out' ? 'connecting' : this.connection,
    }
  }

  private publishStatus(): SessionStatus {
    const status = this.status()
    this.emit('session-changed', status)
    return status
  }

  private emit(...event: DesktopEvent) {
    for (const listener of this.listeners) listener(...event)
  }
}

function normalizeServerUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`)
  } catch {
    throw new DesktopError(
      'invalid-server-url',
      `"${raw}" is not a server address. Use one like http://127.0.0.1:8787.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DesktopError('invalid-server-url', 'The server address must start with http:// or https://.')
  }
  return url.origin
}
