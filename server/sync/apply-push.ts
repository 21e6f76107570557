// Push (DESIGN.md, Sync): a device's mutations, applied in id order, each exactly once — the device's
// cursor moves in the same transaction as the mutation. Authority comes from the token's user, never
// from the args. A mutation that can never apply is recorded with its reason and counted as processed,
// so the queue never blocks; anything else stops the batch with 503 and the device retries.
import type { FastifyInstance } from 'fastify'
import type { Static } from 'typebox'
import { Value } from 'typebox/value'
import { Compile } from 'typebox/compile'
import type { LeadNotice } from '../../shared/leads/lead-record'
import type { SponsorPermission } from '../../shared/sponsors/permissions'
import {
  CaptureLeadArgs,
  UpdateLeadArgs,
  mutationNames,
  syncPoke,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/sync-protocol'
import { captureLead } from '../leads/capture-lead'
import { applyCaptureBatch, BatchConflict, type BatchItem } from './bulk-capture'
import { listSponsorGrants } from '../repositories/sponsor-people-repository'
import { editLead } from '../leads/edit-lead'
import { advanceClient, claimClient, recordRejection, type DeviceClient } from '../repositories/sync-repository'
import { effectivePermissions } from '../sponsors/sponsor-access'
import { AppError, badRequest, forbidden } from '../errors'
import { inspectValue, maxJsonDepth } from '../plugins/input-guard'
import type { Queryable } from '../db/database'

const isCaptureArgs = Compile(CaptureLeadArgs)

/** Raised inside a mutation's transaction when another push already moved the cursor past it. */
class AlreadyProcessed extends Error {}

export async function applyPush(app: FastifyInstance, userId: string, push: PushRequest): Promise<PushResponse> {
  const client = { userId, clientId: push.client_id }
  let last = await claimClient(app.db, client)
  const results: MutationResult[] = []
  const pokes = new Set<string>()
  // Authority is checked once per sponsor and permission for the batch, from the token's user.
  const tenants = new Map<string, Promise<{ orgId: string; userId: string }>>()
  const actAsCached = (sponsorId: string, permission: SponsorPermission) => {
    const key = `${sponsorId}:${permission}`
    if (!tenants.has(key)) tenants.set(key, actAs(app, userId, sponsorId, permission))
    return tenants.get(key)!
  }
  // A backlog arriving at once is announced with one poke, not a live event per lead.
  const isLive = push.mutations.length <= liveFeedBatchLimit
  const mutations = [...push.mutations].sort((a, b) => a.mutation_id - b.mutation_id)
  for (let index = 0; index < mutations.length;) {
    const mutation = mutations[index]!
    // A run of captures for one sponsor (a booth's offline backlog) goes in one set-based transaction.
    const run = captureRun(mutations, index, last)
    if (run.length >= bulkMinimum) {
      const applied = await applyRun(app, client, run, actAsCached)
      if (applied) {
        results.push(...applied.results)
        for (const change of applied.changes) app.leadFeed.publishCapture(change, { isLive })
        pokes.add(run[0]!.args.sponsor_id)
        last = run.at(-1)!.mutationId
        index += run.length
        continue
      }
    }
    index++
    if (mutation.mutation_id <= last) {
      results.push({ mutation_id: mutation.mutation_id, status: 'duplicate' })
      continue
    }
    const advance = async (tx: Queryable) => {
      if (!(await advanceClient(tx, client, mutation.mutation_id))) throw new AlreadyProcessed()
    }
    try {
      const { sponsorId, notices } = await applyMutation(app, push.client_id, mutation, advance, actAsCached, isLive)
      pokes.add(sponsorId)
      results.push({ mutation_id: mutation.mutation_id, status: 'applied', ...(notices.length ? { notices } : {}) })
    } catch (error) {
      if (error instanceof AlreadyProcessed) {
        results.push({ mutation_id: mutation.mutation_id, status: 'duplicate' })
      } else if (isPermanent(error)) {
        const { code, message } =
          error instanceof AppError
            ? error
            : {
                code: 'invalid-value',
                message: `${mutation.name}: a value is out of range or malformed and can never be stored.`,
              }
        await app.db.transaction(async (tx) => {
          await recordRejection(tx, {
            client,
            mutationId: mutation.mutation_id,
            name: mutation.name,
            code,
            reason: message,
          })
          await advanceClient(tx, client, mutation.mutation_id)
        })
        results.push({ mutation_id: mutation.mutation_id, status: 'rejected', error: { code, message } })
      } else {
        app.log.warn({ err: error, mutationId: mutation.mutation_id }, 'push stopped on a transient failure')
        throw new AppError(
          503,
          'sync-unavailable',
          'The server could not apply a mutation right now; retry the push (nothing after the last acknowledged id was applied).',
          {
            last_mutation_id: last,
            results,
          },
        )
      }
    }
    last = mutation.mutation_id
  }
  for (const sponsorId of pokes) app.realtime.toSponsor(sponsorId, syncPoke, { scope: `sponsor:${sponsorId}` })
  return { last_mutation_id: last, results }
}

type ActAs = (sponsorId: string, permission: SponsorPermission) => Promise<{ orgId: string; userId: string }>

/** Runs of at least this many captures are applied set-based, up to bulkMaximum per transaction. */
const bulkMinimum = 8
const bulkMaximum = 500

/** The captures for one sponsor starting at index, not yet processed, with valid args; stops at anything else. */
function captureRun(mutations: Mutation[], index: number, last: number): BatchItem[] {
  const run: BatchItem[] = []
  for (let i = index; i < mutations.length && run.length < bulkMaximum; i++) {
    const mutation = mutations[i]!
    if (
      mutation.name !== mutationNames.captureLead ||
      mutation.mutation_id <= last ||
      !isCaptureArgs.Check(mutation.args) ||
      inspectValue(mutation.args, maxJsonDepth)
    )
      break
    const args = mutation.args as CaptureLeadArgs
    if (run.length > 0 && args.sponsor_id !== run[0]!.args.sponsor_id) break
    run.push({ mutationId: mutation.mutation_id, args })
  }
  return run
}

/** Applies a run in one transaction; null sends it down the one-by-one path (no permission, or a concurrent writer). */
async function applyRun(app: FastifyInstance, client: DeviceClient, run: BatchItem[], actAsUser: ActAs) {
  let tenant: { orgId: string; userId: string }
  try {
    tenant = await actAsUser(run[0]!.args.sponsor_id, 'sponsor:leads:capture')
  } catch {
    return null
  }
  try {
    return await applyCaptureBatch(app.db, { client, tenant, sponsorId: run[0]!.args.sponsor_id, items: run })
  } catch (error) {
    if (error instanceof BatchConflict || (error as { code?: string }).code === '23505') return null
    throw error
  }
}

/** Pushes of up to this many mutations also feed the sponsor's live lead room, one event per lead. */
export const liveFeedBatchLimit = 25

/** Applies one mutation as the user; returns the sponsor whose scope changed and what the device should tell its user. */
async function applyMutation(
  app: FastifyInstance,
  clientId: string,
  mutation: Mutation,
  advance: (tx: Queryable) => Promise<void>,
  actAsUser: ActAs,
  isLive: boolean,
): Promise<{ sponsorId: string; notices: LeadNotice[] }> {
  if (mutation.name === mutationNames.captureLead) {
    const args = parseArgs(CaptureLeadArgs, mutation)
    const tenant = await actAsUser(args.sponsor_id, 'sponsor:leads:capture')
    const { sponsor_id: sponsorId, event_id: eventId, captured_at: capturedAt, ...body } = args
    const result = await captureLead(app.db, {
      tenant,
      sponsorId,
      eventId,
      body,
      capturedAt: new Date(capturedAt),
      deviceId: clientId,
      alsoInTransaction: advance,
    })
    // A replayed capture ran no transaction of ours: move the cursor on its own (the capture is already counted once).
    if (result.outcome === 'replayed')
      await advance(app.db).catch((error: unknown) => {
        if (!(error instanceof AlreadyProcessed)) throw error
      })
    app.leadFeed.publishCapture(result, { isLive })
    return { sponsorId, notices: [] }
  }
  const args = parseArgs(UpdateLeadArgs, mutation)
  const tenant = await actAsUser(args.sponsor_id, 'sponsor:leads:write')
  const edit = {
    editedAt: args.edited_at ? new Date(args.edited_at) : undefined,
    starred: args.starred,
    archived: args.archived,
    followUpStatus: args.follow_up_status,
    addNote: args.add_note,
    editNote: args.edit_note,
    legacyNotes: args.notes,
  }
  const { lead, notices } = await app.db.tenantTransaction(tenant, async (tx) => {
    const edited = await editLead(tx, {
      sponsorId: args.sponsor_id,
      leadId: args.lead_id,
      edit,
      userId: tenant.userId,
      deviceId: clientId,
    })
    await advance(tx)
    return edited
  })
  if (isLive) app.leadFeed.publishUpdate(lead)
  return { sponsorId: args.sponsor_id, notices }
}

function parseArgs<T extends typeof CaptureLeadArgs | typeof UpdateLeadArgs>(schema: T, mutation: Mutation) {
  const error = Value.Errors(schema, mutation.args)[0]
  if (error)
    throw new AppError(400, 'invalid-args', `${mutation.name}: ${error.instancePath || 'args'} ${error.message}`)
  const problem = inspectValue(mutation.args, maxJsonDepth)
  if (problem === 'nul')
    throw badRequest(
      'invalid-characters',
      `${mutation.name}: a text contains a NUL character (\\u0000), which no field accepts.`,
    )
  if (problem === 'too-deep')
    throw badRequest('too-deep', `${mutation.name}: the arguments are nested more than ${maxJsonDepth} levels deep.`)
  return mutation.args as Static<T>
}

/**
 * A failure that will fail again on every retry: our own 4xx refusals (not 429), and Postgres data exceptions
 * (SQLSTATE class 22: a value it cannot store). Anything else — a lost connection, a serialization conflict,
 * shutdown — is transient and answers 503 so the device retries.
 */
function isPermanent(error: unknown): boolean {
  if (error instanceof AppError) return error.statusCode < 500 && error.statusCode !== 429
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('22')
}

/** The sponsor tenant the user may act in with this permission, checked now (a revoked permission rejects). */
async function actAs(app: FastifyInstance, userId: string, sponsorId: string, permission: SponsorPermission) {
  const [grant] = await listSponsorGrants(app.db, userId, sponsorId)
  if (!grant) throw forbidden('You no longer represent this sponsor.')
  if (!effectivePermissions(grant).includes(permission))
    throw forbidden(`This needs the permission ${permission}, which you no longer have.`)
  return { orgId: grant.sponsorOrgId, userId }
}
