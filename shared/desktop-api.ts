// The desktop API: every command the renderer may call and every event the core pushes.
// One definition; Electron IPC and the web host's WebSocket are two transports for it.
import { Type, type Static, type TSchema } from 'typebox'
import { EventRecord, OrgMembership, User } from './domain'
import { commerceCommands } from './commerce/commerce-commands'
import { opsCommands } from './ops/ops-commands'
import { orgCommands } from './org/org-commands'
import { commandCenterCommands, commandCenterEvents } from './command-center-commands'
import { webhookCommands } from './webhooks/webhook-commands'
import { fulfillmentCommands } from './fulfillment/fulfillment-commands'
import { intelligenceCommands } from './intelligence/intelligence-commands'
import { notificationCommands } from './notifications/notification-commands'
import {
  CaptureLeadBody,
  IntentLevelSchema,
  FollowUpStatusSchema,
  LeadRecord,
  ManualLead,
  QualifierAnswers,
} from './leads/lead-record'
import { QuestionRecord } from './leads/qualifier-question'

export const ConnectionState = Type.Union([
  Type.Literal('signed-out'),
  Type.Literal('connecting'),
  Type.Literal('online'),
  Type.Literal('offline'),
])
export type ConnectionState = Static<typeof ConnectionState>

export const SessionStatus = Type.Union([
  Type.Object({ state: Type.Literal('signed-out'), defaultServerUrl: Type.String() }),
  Type.Object({
    state: Type.Literal('signed-in'),
    serverUrl: Type.String(),
    user: User,
    orgs: Type.Array(OrgMembership),
    activeOrgId: Type.Union([Type.String(), Type.Null()]),
    connection: ConnectionState,
  }),
])
export type SessionStatus = Static<typeof SessionStatus>

const NoArgs = Type.Object({})
const Id = Type.String({ format: 'uuid' })

/** A capture made on this device, as the booth's recent list shows it. */
export const CaptureItem = Type.Object({
  leadId: Id,
  sponsorId: Id,
  eventId: Id,
  badgeCode: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  interaction: Type.String(),
  capturedAt: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('synced'), Type.Literal('rejected')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  mutationId: Type.Optional(Type.Integer()),
  /** The capture as it was made — badge or person, notes, qualifiers, interaction, time — while the server has not accepted it. */
  content: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  /** When a refused capture was saved to an export file (null: not yet, so sign-out keeps it). */
  exportedAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** Computed on the device at capture with the shared scoring, so the booth shows "hot" at once, offline; the server's word follows on sync. */
  intentScore: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  intentLevel: Type.Optional(
    Type.Union([Type.Literal('hot'), Type.Literal('warm'), Type.Literal('cold'), Type.Null()]),
  ),
  /** Whether the badge was in the device's directory when scanned: false means "not in the directory yet" (the server checks on sync). */
  inDirectory: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
})
export type CaptureItem = Static<typeof CaptureItem>

/** A lead edit the server refused, kept whole until exported or discarded. */
export const RejectedEdit = Type.Object({
  mutationId: Type.Integer(),
  sponsorId: Type.Union([Type.String(), Type.Null()]),
  leadId: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  args: Type.Record(Type.String(), Type.Unknown()),
  madeAt: Type.String(),
  rejectedAt: Type.String(),
  exportedAt: Type.Union([Type.String(), Type.Null()]),
})
export type RejectedEdit = Static<typeof RejectedEdit>

/** Something sync has to tell the user: a note merged, a change superseded, access to a sponsor removed. */
export const SyncNotice = Type.Object({
  id: Type.Integer(),
  code: Type.String({ description: "'note-merged' | 'field-superseded' | 'access-removed' | …" }),
  message: Type.String(),
  sponsorId: Type.Union([Type.String(), Type.Null()]),
  leadId: Type.Union([Type.String(), Type.Null()]),
  field: Type.Union([Type.String(), Type.Null()]),
  at: Type.String(),
})
export type SyncNotice = Static<typeof SyncNotice>

export const SyncStatus = Type.Object({
  pending: Type.Integer({ description: 'Mutations not yet acknowledged by the server' }),
  lastSyncedAt: Type.Union([Type.String(), Type.Null()]),
  isReachable: Type.Boolean(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  phase: Type.Union([Type.Literal('idle'), Type.Literal('pushing'), Type.Literal('pulling')]),
  pulled: Type.Integer(),
  remaining: Type.Integer(),
  rejected: Type.Array(CaptureItem),
  rejectedEdits: Type.Array(RejectedEdit),
  /** Pending and refused changes not saved to an export file: signing out keeps them. */
  unexported: Type.Integer(),
  /** Newest first, the last 50 until dismissed. */
  notices: Type.Array(SyncNotice),
})
export type SyncStatus = Static<typeof SyncStatus>

export const SponsorChoice = Type.Object({
  id: Id,
  org_id: Id,
  company_name: Type.String(),
  role: Type.String(),
  permissions: Type.Array(Type.String()),
  events: Type.Array(
    Type.Object({
      event_id: Id,
      title: Type.String(),
      start_at: Type.String(),
      end_at: Type.String(),
      tier_name: Type.String(),
      is_archived: Type.Boolean(),
    }),
  ),
})
export type SponsorChoice = Static<typeof SponsorChoice>

/**
 * A lead as the replica holds it: the server's wire shape (snake_case). Rows pulled before notes became
 * entries, or before per-field history existed, lack those fields.
 */
export const ReplicaLead = Type.Object({
  ...LeadRecord.properties,
  note_entries: Type.Optional(LeadRecord.properties.note_entries),
  field_meta: Type.Optional(LeadRecord.properties.field_meta),
  history: Type.Optional(LeadRecord.properties.history),
  /** The name of the person who captured it first (sent with synced rows since migration 0024). */
  captured_by_name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})
export type ReplicaLead = Static<typeof ReplicaLead>

/** The page of lead review: which of a sponsor's leads, in what order, which slice. */
export const LeadPageArgs = Type.Object(
  {
    sponsorId: Id,
    intentLevel: Type.Optional(IntentLevelSchema),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    archived: Type.Union([Type.Literal('active'), Type.Literal('archived'), Type.Literal('all')]),
    starred: Type.Optional(Type.Boolean()),
    sort: Type.Union([Type.Literal('recent'), Type.Literal('score'), Type.Literal('name')]),
    offset: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 1, maximum: 200 }),
    /** false: answer the rows now and leave a costly total for a second call (null when it was not free). */
    withTotal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type LeadPageArgs = Static<typeof LeadPageArgs>

/** One row of the lead review table: only what the table shows. */
export const LeadSummary = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  company: Type.Union([Type.String(), Type.Null()]),
  badgeCode: Type.Union([Type.String(), Type.Null()]),
  intentLevel: Type.String(),
  intentScore: Type.Integer(),
  /** How the score was reached, in words ("Booth visit +10, Demo request +30 = 40"). */
  scoreExplanation: Type.String(),
  /** Who captured the lead first, when the server said. */
  representative: Type.Union([Type.String(), Type.Null()]),
  isStarred: Type.Boolean(),
  isArchived: Type.Boolean(),
  followUpStatus: Type.String(),
  lastCapturedAt: Type.String(),
  noteCount: Type.Integer(),
})
export type LeadSummary = Static<typeof LeadSummary>

function command<A extends TSchema, R extends TSchema>(args: A, result: R) {
  return { args, result }
}

/** What an export file holds, handed back once the file is saved so the device knows those changes are safe. */
export const ExportReceipt = Type.Object(
  {
    throughMutationId: Type.Integer({ minimum: 0 }),
    rejectedMutationIds: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 1_000_000 }),
    exportedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type ExportReceipt = Static<typeof ExportReceipt>

export const desktopCommands = {
  'session-status': command(NoArgs, SessionStatus),
  'session-login': command(
    Type.Object({
      serverUrl: Type.String({ minLength: 1, maxLength: 2048 }),
      email: Type.String({ minLength: 3, maxLength: 320 }),
      password: Type.String({ minLength: 1, maxLength: 1024 }),
    }),
    SessionStatus,
  ),
  'session-logout': command(NoArgs, SessionStatus),
  'org-select': command(Type.Object({ orgId: Type.String({ format: 'uuid' }) }), SessionStatus),
  'events-list': command(
    NoArgs,
    Type.Object({
      events: Type.Array(EventRecord),
      source: Type.Union([Type.Literal('server'), Type.Literal('replica')]),
    }),
  ),
  'sponsors-list': command(
    NoArgs,
    Type.Object({
      sponsors: Type.Array(SponsorChoice),
      source: Type.Union([Type.Literal('server'), Type.Literal('replica')]),
    }),
  ),
  'booth-capture': command(
    Type.Object(
      {
        sponsorId: Id,
        eventId: Id,
        badgeCode: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        manual: Type.Optional(ManualLead),
        interaction: CaptureLeadBody.properties.interaction,
        notes: Type.Optional(Type.String({ maxLength: 2000 })),
        qualifiers: Type.Optional(QualifierAnswers),
      },
      { additionalProperties: false },
    ),
    CaptureItem,
  ),
  'booth-recent': command(
    Type.Object({ sponsorId: Id, eventId: Id, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
    Type.Object({ captures: Type.Array(CaptureItem), directorySize: Type.Integer() }),
  ),
  'leads-list': command(
    Type.Object({
      sponsorId: Id,
      intentLevel: Type.Optional(IntentLevelSchema),
      q: Type.Optional(Type.String({ maxLength: 200 })),
      includeArchived: Type.Optional(Type.Boolean()),
    }),
    Type.Object({ leads: Type.Array(ReplicaLead), pending: Type.Array(CaptureItem) }),
  ),
  'leads-page': command(
    LeadPageArgs,
    Type.Object({
      rows: Type.Array(LeadSummary),
      total: Type.Union([Type.Integer(), Type.Null()]),
      /** This device's captures of the sponsor that the server has not answered yet (first page only). */
      pending: Type.Array(CaptureItem),
    }),
  ),
  /** The sponsors as last fetched, from the replica: lead review opens at once, even offline. */
  'leads-sponsors': command(NoArgs, Type.Object({ sponsors: Type.Array(SponsorChoice) })),
  'lead-detail': command(Type.Object({ sponsorId: Id, leadId: Id }, { additionalProperties: false }), ReplicaLead),
  'lead-update': command(
    Type.Object(
      {
        sponsorId: Id,
        leadId: Id,
        starred: Type.Optional(Type.Boolean()),
        archived: Type.Optional(Type.Boolean()),
        followUpStatus: Type.Optional(FollowUpStatusSchema),
        /** Legacy: appended as a new note entry, never overwriting. */
        notes: Type.Optional(Type.String({ maxLength: 20000 })),
        noteAdd: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
        noteEdit: Type.Optional(
          Type.Object(
            { id: Id, text: Type.String({ minLength: 1, maxLength: 2000 }) },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    ReplicaLead,
  ),
  'booth-questions': command(
    Type.Object({ sponsorId: Id, eventId: Id }),
    Type.Object({ questions: Type.Array(QuestionRecord) }),
  ),
  /** The sponsor's leads as CSV; the renderer saves it where the user chooses (Electron's save dialog, or a browser download). */
  'leads-export': command(
    Type.Object({ sponsorId: Id }),
    Type.Object({ fileName: Type.String(), csv: Type.String(), bytes: Type.Integer() }),
  ),
  'sync-status': command(NoArgs, SyncStatus),
  'sync-now': command(NoArgs, SyncStatus),
  /** What the server has not accepted, as a file for the renderer to save where the person chooses. */
  'pending-export': command(
    NoArgs,
    Type.Object({
      fileName: Type.String(),
      content: Type.String({ description: 'The JSON file: every pending and refused capture and edit, whole' }),
      count: Type.Integer({ description: 'Captures in the file: pending and refused' }),
      pending: Type.Integer(),
      rejected: Type.Integer(),
      edits: Type.Integer({ description: 'Lead edits in the file, pending and refused' }),
      receipt: ExportReceipt,
    }),
  ),
  /** The file was saved: what it holds no longer keeps the person from signing out. */
  'pending-export-saved': command(ExportReceipt, Type.Object({ unexported: Type.Integer() })),
  'rejected-discard': command(
    Type.Object(
      {
        mutationIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10000 })),
        leadIds: Type.Optional(Type.Array(Id, { maxItems: 10000 })),
        all: Type.Optional(Type.Literal(true)),
      },
      { additionalProperties: false },
    ),
    Type.Object({ discarded: Type.Integer() }),
  ),
  'notices-dismiss': command(
    Type.Object(
      { ids: Type.Optional(Type.Array(Type.Integer(), { maxItems: 1000 })), all: Type.Optional(Type.Literal(true)) },
      { additionalProperties: false },
    ),
    Type.Object({ dismissed: Type.Integer() }),
  ),
  ...commerceCommands,
  ...opsCommands,
  ...orgCommands,
  ...commandCenterCommands,
  ...webhookCommands,
  ...fulfillmentCommands,
  ...intelligenceCommands,
  ...notificationCommands,
} as const

/** A proposal, order or payout of the active organization changed on the server (from its domain events). */
export const CommerceChange = Type.Object({
  kind: Type.Union([
    Type.Literal('proposal'),
    Type.Literal('order'),
    Type.Literal('payout'),
    Type.Literal('deliverable'),
  ]),
  /** The domain event's name, e.g. 'order.funded' or 'payout.completed'. */
  type: Type.String(),
  proposalId: Type.Union([Type.String(), Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
})
export type CommerceChange = Static<typeof CommerceChange>

/** New leads and intent changes of one sponsor at one of the organizer's events: counts only, never contacts. */
export const LeadCountsChange = Type.Object({
  eventId: Type.String(),
  sponsorId: Type.String(),
  newLeads: Type.Integer(),
  intentLevelDelta: Type.Object({ hot: Type.Integer(), warm: Type.Integer(), cold: Type.Integer() }),
})
export type LeadCountsChange = Static<typeof LeadCountsChange>

export const AttendeesImportProgress = Type.Object({
  eventId: Type.String(),
  phase: Type.Union([Type.Literal('reading'), Type.Literal('writing')]),
  done: Type.Integer(),
  total: Type.Union([Type.Integer(), Type.Null()]),
})
export type AttendeesImportProgress = Static<typeof AttendeesImportProgress>

export const desktopEvents = {
  'session-changed': SessionStatus,
  'connection-changed': Type.Object({ connection: ConnectionState }),
  'events-changed': Type.Object({ orgId: Type.String() }),
  'sync-changed': SyncStatus,
  'commerce-changed': CommerceChange,
  'lead-counts-changed': LeadCountsChange,
  /** How far the server has got with an attendee import of the active organization. */
  'attendees-import-progress': AttendeesImportProgress,
  ...commandCenterEvents,
} as const

export type DesktopCommandName = keyof typeof desktopCommands
export type CommandArgs<C extends DesktopCommandName> = Static<(typeof desktopCommands)[C]['args']>
export type CommandResult<C extends DesktopCommandName> = Static<(typeof desktopCommands)[C]['result']>
export type DesktopEventName = keyof typeof desktopEvents
export type DesktopEventPayload<E extends DesktopEventName> = Static<(typeof desktopEvents)[E]>
/** Every pushed event as a [name, payload] pair: a listener taking `(name, payload)` narrows the payload by the name. */
export type DesktopEvent = { [E in DesktopEventName]: [name: E, payload: DesktopEventPayload<E>] }[DesktopEventName]
export type DesktopEventListener = (...event: DesktopEvent) => void

export function isDesktopCommandName(name: unknown): name is DesktopCommandName {
  return typeof name === 'string' && Object.hasOwn(desktopCommands, name)
}

/** What the preload exposes on `window.desktop`; the web client implements the same. */
export interface DesktopBridge {
  invoke<C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>
  subscribe(listener: DesktopEventListener): () => void
  /** Electron only: asks where to save with the system's save dialog and writes the file there (null: cancelled). */
  saveFile?(request: SaveFileRequest): Promise<SaveFileResult>
}

/** A file the renderer made (an export) for the main process to save where the user chooses. */
export interface SaveFileRequest {
  suggestedName: string
  /** Text, or a binary file's bytes as base64 (`encoding: 'base64'`: a PDF). */
  content: string
  encoding?: 'utf8' | 'base64'
  filters: { name: string; extensions: string[] }[]
}
export type SaveFileResult = { saved: true; path: string } | { saved: false }

export { ipcChannels } from './ipc-channels'

/** Messages on the web host's WebSocket. */
export type HostRequest = { type: 'invoke'; id: number; command: string; args: unknown }
export type HostMessage =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string } }
  | { type: 'event'; event: DesktopEvent }
