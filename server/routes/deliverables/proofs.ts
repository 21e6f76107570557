// Proofs (seed 001 §4.4): the responsible party submits a file (multipart, size-limited, its type judged by its
// bytes) or the seed's asset_url, with metrics. Files are stored by SHA-256; every proof is chained to the one
// before by its hash. The file is downloaded from its proof; the chain (and every file's bytes) can be verified.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import multipart, { type MultipartFile } from '@fastify/multipart'
import { fileTypeFromBuffer } from 'file-type'
import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { ChainVerification, DeliverableDetail } from '../../../shared/commerce/fulfillment-records'
import { AppError, badRequest, notFound } from '../../errors'
import { assertMayAct, submitProof, type ProofInput } from '../../fulfillment/deliverables'
import { verifyChain } from '../../fulfillment/proof-chain'
import { findDeliverable, listProofs } from '../../repositories/deliverables-repository'
import { errorResponses, IdParams, orgHeader } from '../schemas'
import { callerOf, readDeliverable } from './deliverable-read'
import { Metrics, ProofFormBody, ProofJsonBody, ProofParams } from './schemas'

/** What a proof file may be, by its content. */
export const proofFileTypes = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
]

interface Upload {
  data: Buffer
  filename: string
}

declare module 'fastify' {
  interface FastifyRequest {
    proofUpload: Upload | null
  }
}

const safeName = (name: string) => name.replace(/[^\w.\- ]+/g, '_').slice(0, 255) || 'proof'

async function metricsFrom(text: string | undefined): Promise<Record<string, number>> {
  if (text === undefined || text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw badRequest('invalid-metrics', 'metrics must be a JSON object of numbers, e.g. {"impressions": 25000}.')
  }
  if (!Value.Check(Metrics, parsed))
    throw badRequest(
      'invalid-metrics',
      'metrics must be a JSON object of up to 50 numbers keyed by snake_case names, e.g. {"impressions": 25000}.',
    )
  return parsed as Record<string, number>
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.decorateRequest('proofUpload', null)
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: app.config.proofMaxBytes, files: 1, fields: 10, parts: 11, fieldSize: 20_000 },
    async onFile(part: MultipartFile) {
      // Read here rather than with toBuffer(), so the bytes stay out of the body the schema validates.
      const chunks: Buffer[] = []
      try {
        for await (const chunk of part.file) chunks.push(chunk as Buffer)
        if (part.file.truncated) throw Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' })
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError(
            413,
            'proof-too-large',
            `A proof file may be at most ${app.config.proofMaxBytes} bytes; send a smaller file, or an asset_url.`,
          )
        }
        throw error
      }
      if (part.fieldname !== 'file')
        throw badRequest('unexpected-file', `Send the proof file in the part named "file" (not "${part.fieldname}").`)
      this.proofUpload = { data: Buffer.concat(chunks), filename: part.filename }
    },
  })

  app.post(
    '/v1/deliverables/:id/proofs',
    {
      config: { access: { roles: ['owner', 'admin', 'member'] } },
      schema: {
        tags: ['fulfillment'],
        summary:
          'Submit a proof (the responsible party): a file upload or an asset_url, with metrics; the deliverable is submitted',
        description: `multipart/form-data with a "file" part (${proofFileTypes.join(', ')}, judged by content; PROOF_MAX_BYTES at most) and optional "metrics" (JSON text) and "note"; or JSON { asset_url, metrics, note }. Proofs are immutable; each one's hash covers its content and the previous proof's hash. The order's SLAs are re-checked.`,
        headers: orgHeader,
        params: IdParams,
        body: {
          content: { 'application/json': { schema: ProofJsonBody }, 'multipart/form-data': { schema: ProofFormBody } },
        } as unknown as typeof ProofJsonBody,
        response: { 201: DeliverableDetail, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const id = request.params.id
      // A POST with no body at all skips the schema: it is a proof with nothing in it (a 400 below), not a crash.
      const body = (request.body ?? {}) as Static<typeof ProofJsonBody> | Static<typeof ProofFormBody>
      const isForm = request.isMultipart()
      const metrics = isForm
        ? await metricsFrom((body as Static<typeof ProofFormBody>).metrics)
        : ((body as Static<typeof ProofJsonBody>).metrics ?? {})
      const upload = request.proofUpload
      if (isForm && (body as Static<typeof ProofFormBody>).file !== undefined)
        throw badRequest('proof-missing', 'The "file" part must be a file, not a text field.')
      if (!upload && !body.asset_url)
        throw badRequest('proof-missing', 'Send the proof as a "file" part (multipart/form-data), or an asset_url.')
      // Refused before anything is stored: a caller who may not submit leaves no file behind.
      await assertMayAct(app.db, caller, id, 'submit')
      let file: ProofInput['file'] = null
      if (upload) {
        if (upload.data.length === 0) throw badRequest('proof-empty', 'The proof file is empty.')
        const detected = await fileTypeFromBuffer(upload.data)
        if (!detected || !proofFileTypes.includes(detected.mime)) {
          throw new AppError(
            415,
            'unsupported-proof-type',
            `A proof file must be ${proofFileTypes.join(', ')}; this file's content is ${detected?.mime ?? 'none of these'}, whatever its name says.`,
          )
        }
        const stored = await app.proofStorage.put(upload.data)
        file = { sha256: stored.sha256, size: stored.size, type: detected.mime, name: safeName(upload.filename) }
      }
      await submitProof(app.db, caller, id, {
        assetUrl: body.asset_url ?? null,
        file,
        metrics,
        note: body.note ?? null,
      })
      return reply.status(201).send(await app.db.transaction((tx) => readDeliverable(tx, id, caller)))
    },
  )

  app.get(
    '/v1/deliverables/:id/proofs/:proof_id/file',
    {
      config: { access: {} },
      schema: {
        tags: ['fulfillment'],
        summary: "A proof's file, as uploaded (its SHA-256 is in the proof)",
        headers: orgHeader,
        params: ProofParams,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const proof = await app.db.transaction(async (tx) => {
        if (!(await findDeliverable(tx, request.params.id, caller.orgId))) return null
        return (await listProofs(tx, request.params.id)).find((p) => p.id === request.params.proof_id) ?? null
      })
      if (!proof?.fileSha256) throw notFound('Proof file')
      const bytes = await app.proofStorage.get(proof.fileSha256)
      if (!bytes) throw notFound('Proof file in storage')
      return reply
        .header('content-type', proof.fileType ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${safeName(proof.fileName ?? 'proof')}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes)
    },
  )

  app.get(
    '/v1/deliverables/:id/verification',
    {
      config: { access: {} },
      schema: {
        tags: ['fulfillment'],
        summary:
          "Verify the deliverable's proofs: every hash recomputed, every link to the previous proof, every file's bytes",
        headers: orgHeader,
        params: IdParams,
        response: { 200: ChainVerification, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const found = await app.db.transaction(async (tx) => {
        const deliverable = await findDeliverable(tx, request.params.id, caller.orgId)
        return deliverable ? { deliverable, proofs: await listProofs(tx, deliverable.id) } : null
      })
      if (!found) throw notFound('Deliverable')
      const check = await verifyChain(found.proofs, found.deliverable.chainHead, app.proofStorage)
      return { deliverable_id: found.deliverable.id, is_intact: check.isIntact, head: check.head, proofs: check.proofs }
    },
  )
}

export default routes
