// The desktop commands of fulfillment (seed 001 §4.4, §4.5): the deliverables queue, one deliverable with its
// proof history, submitting a proof (a file or a link, with metrics), reviews, the proof chain's verification,
// and an order's ROI report with its PDF and CSV. Straight to the server (online only); records keep the
// server's field names and the server's types.
import { Type, type TSchema } from 'typebox'
import { ChainVerification, DeliverableDetail, DeliverableRecord, RoiReport } from '../commerce/fulfillment-records'

const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })
const Id = Type.String({ format: 'uuid' })
/** A proof file's bytes travel as base64 over the desktop bridge; the server caps the size (PROOF_MAX_BYTES). */
const maxProofBase64 = 50_000_000

export const ReviewActionSchema = Type.Union([
  Type.Literal('approve'),
  Type.Literal('needs_changes'),
  Type.Literal('waive'),
])

export const fulfillmentCommands = {
  /** "open": what is still owed (pending, submitted, needs changes), by due date; "all": every status. */
  'deliverables-list': command(
    Type.Object(
      { view: Type.Union([Type.Literal('open'), Type.Literal('all')]), orderId: Type.Optional(Id) },
      { additionalProperties: false },
    ),
    Type.Object({ deliverables: Type.Array(DeliverableRecord) }),
  ),
  'deliverable-detail': command(Type.Object({ id: Id }, { additionalProperties: false }), DeliverableDetail),
  'deliverable-proof-submit': command(
    Type.Object(
      {
        id: Id,
        file: Type.Optional(
          Type.Object({
            name: Type.String({ minLength: 1, maxLength: 255 }),
            base64: Type.String({ minLength: 1, maxLength: maxProofBase64 }),
          }),
        ),
        assetUrl: Type.Optional(Type.String({ maxLength: 2000 })),
        metrics: Type.Record(Type.String({ maxLength: 50 }), Type.Number(), { maxProperties: 50 }),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
      },
      { additionalProperties: false },
    ),
    DeliverableDetail,
  ),
  'deliverable-review': command(
    Type.Object(
      { id: Id, action: ReviewActionSchema, reason: Type.Optional(Type.String({ maxLength: 2000 })) },
      { additionalProperties: false },
    ),
    DeliverableDetail,
  ),
  'deliverable-verify': command(Type.Object({ id: Id }, { additionalProperties: false }), ChainVerification),
  /** A proof's file for a preview (images): its type and bytes as base64. */
  'proof-file': command(
    Type.Object({ deliverableId: Id, proofId: Id }, { additionalProperties: false }),
    Type.Object({ contentType: Type.String(), base64: Type.String() }),
  ),
  'roi-report': command(Type.Object({ orderId: Id }, { additionalProperties: false }), RoiReport),
  /** The same report as a file for the renderer to save (the PDF as base64). */
  'roi-export': command(
    Type.Object(
      { orderId: Id, format: Type.Union([Type.Literal('pdf'), Type.Literal('csv')]) },
      { additionalProperties: false },
    ),
    Type.Object({
      fileName: Type.String(),
      content: Type.String(),
      encoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64')]),
      mime: Type.String(),
    }),
  ),
}
