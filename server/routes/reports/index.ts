// GET /v1/reports/roi (seed 001 §4.5): an order's ROI report for either party, as JSON ({ data: report }, the
// seed's shape), as CSV (Accept: text/csv) or as a PDF with its charts (Accept: application/pdf).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { RoiReport } from '../../../shared/commerce/fulfillment-records'
import { tenantOf } from '../../plugins/access'
import { sideOf } from '../../commerce/party'
import { roiReport } from '../../fulfillment/roi-report'
import { roiCsv } from '../../fulfillment/roi-csv'
import { roiPdf } from '../../fulfillment/roi-pdf'
import { errorResponses, orgHeader } from '../schemas'

const DateOrTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T.*)?$',
  description: 'YYYY-MM-DD (a whole day) or an RFC 3339 date-time',
})
const Query = Type.Object(
  {
    order_id: Type.String({ format: 'uuid' }),
    from: Type.Optional(DateOrTime),
    to: Type.Optional(DateOrTime),
    utm_source: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Only conversions from this source' }),
    ),
  },
  { additionalProperties: false },
)

type Format = 'application/json' | 'text/csv' | 'application/pdf'
const formats: Format[] = ['application/json', 'text/csv', 'application/pdf']

/** The format the Accept header prefers most among ours (JSON when it names none of them). */
export function preferredFormat(accept: string | undefined): Format {
  let best: { format: Format; q: number } = { format: 'application/json', q: -1 }
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';')
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? 1,
    )
    const format = formats.find((f) => f === type)
    if (format && Number.isFinite(q) && q > best.q) best = { format, q }
  }
  return best.format
}

const isSaneEdge = (value: string | undefined) =>
  value === undefined ||
  (!Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)) &&
    /^(19[7-9]\d|2[01]\d\d)-/.test(value))

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/reports/roi',
    {
      config: { access: {} },
      schema: {
        tags: ['fulfillment'],
        summary:
          "An order's ROI report (either party): the seed's JSON plus booth leads, cost per lead and SLA outcomes",
        description:
          "Accept: text/csv gives the same report as CSV (section, item, metric, value); Accept: application/pdf as a PDF with its charts. The window defaults to the order's creation until now; a date `to` includes that day.",
        headers: orgHeader,
        querystring: Query,
        response: {
          200: Type.Object({ data: RoiReport }, { description: 'JSON; or text/csv, or application/pdf, by Accept' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request)
      const q = request.query
      if (!isSaneEdge(q.from) || !isSaneEdge(q.to)) {
        return reply.status(400).send({
          error: {
            code: 'invalid-request',
            message: 'from and to are dates (YYYY-MM-DD) or RFC 3339 date-times between 1970 and 2199.',
          },
        })
      }
      const report = await app.db.transaction((tx) =>
        roiReport(
          tx,
          { orgId: tenant.orgId, side: sideOf(tenant) },
          {
            orderId: q.order_id,
            from: q.from,
            to: q.to,
            utmSource: q.utm_source,
          },
        ),
      )
      const wanted = preferredFormat(request.headers.accept)
      // CSV and PDF bodies are sent as they are: the JSON schema's serializer is not used for them.
      const file: FastifyReply = reply
      const name = `roi-${report.order_id.slice(0, 8)}-${report.generated_at.slice(0, 10)}`
      if (wanted === 'text/csv') {
        return file
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(roiCsv(report))
      }
      if (wanted === 'application/pdf') {
        return file
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(await roiPdf(report))
      }
      return { data: report }
    },
  )
}

export default routes
