// The sync wire protocol (DESIGN.md, Sync), shared so the desktop validates what it receives.
import { Type, type Static } from 'typebox'
import { CaptureLeadBody, FollowUpStatusSchema, LeadNotice, NoteInput } from '../leads/lead-record'
// Registers the product's date-time bounds with TypeBox, which checks mutations on both sides.
import '../sane-values'

const Uuid = Type.String({ format: 'uuid' })

export const syncTables = ['leads', 'attendees', 'qualifier_questions'] as const
export type SyncTable = (typeof syncTables)[number]

export const PullRequest = Type.Object(
  {
    cursor: Type.Integer({
      minimum: 0,
      description: 'The version of the last change this device applied (0 at first)',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 5000, default: 1000 }),
  },
  { additionalProperties: false },
)

export const Change = Type.Object({
  version: Type.Integer(),
  table: Type.Union([Type.Literal('leads'), Type.Literal('attendees'), Type.Literal('qualifier_questions')]),
  op: Type.Union([Type.Literal('upsert'), Type.Literal('delete')]),
  id: Uuid,
  row: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})
export type Change = Static<typeof Change>

export const PullResponse = Type.Object({
  changes: Type.Array(Change),
  cursor: Type.Integer({ description: 'Send it back on the next pull' }),
  remaining: Type.Integer({ description: 'Changes still to pull after this page, for progress' }),
  access: Type.Object(
    {
      sponsors: Type.Array(Uuid, {
        description: 'Sponsors whose leads and questions this device may hold now; it purges the others',
      }),
      events: Type.Array(Uuid, { description: 'Events whose attendee directory this device may hold now' }),
    },
    { description: 'Regaining a scope means pulling again from cursor 0' },
  ),
})
export type PullResponse = Static<typeof PullResponse>

/** Capture made on a device (possibly offline): a capture body plus where and when. */
export const CaptureLeadArgs = Type.Object(
  {
    ...CaptureLeadBody.properties,
    sponsor_id: Uuid,
    event_id: Uuid,
    lead_id: Uuid,
    captured_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type CaptureLeadArgs = Static<typeof CaptureLeadArgs>

export const UpdateLeadArgs = Type.Object(
  {
    sponsor_id: Uuid,
    lead_id: Uuid,
    edited_at: Type.Optional(
      Type.String({
        format: 'date-time',
        maxLength: 40,
        description: "The device's time of the edit; decides last-writer-wins",
      }),
    ),
    starred: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
    follow_up_status: Type.Optional(FollowUpStatusSchema),
    add_note: Type.Optional(NoteInput),
    edit_note: Type.Optional(NoteInput),
    notes: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 20000, description: 'Legacy: added as a new note when new; never overwrites' }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
)
export type UpdateLeadArgs = Static<typeof UpdateLeadArgs>

export const mutationNames = { captureLead: 'lead.capture', updateLead: 'lead.update' } as const

export const Mutation = Type.Object(
  {
    mutation_id: Type.Integer({
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Rises strictly per client',
    }),
    name: Type.Union([Type.Literal('lead.capture'), Type.Literal('lead.update')]),
    args: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
)
export type Mutation = Static<typeof Mutation>

export const PushRequest = Type.Object(
  {
    client_id: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
    mutations: Type.Array(Mutation, { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false },
)
export type PushRequest = Static<typeof PushRequest>

export const MutationResult = Type.Object({
  mutation_id: Type.Integer(),
  status: Type.Union([Type.Literal('applied'), Type.Literal('rejected'), Type.Literal('duplicate')]),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  notices: Type.Optional(Type.Array(LeadNotice, { maxItems: 20 })),
})
export type MutationResult = Static<typeof MutationResult>

export const PushResponse = Type.Object({
  last_mutation_id: Type.Integer({ description: 'Every mutation up to this id is processed (applied or rejected)' }),
  results: Type.Array(MutationResult),
})
export type PushResponse = Static<typeof PushResponse>

/** Realtime: tells a device's sponsor rooms that their scope changed and a pull is due. */
export const syncPoke = 'sync.poke'
