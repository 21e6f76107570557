// A platform administrator's per-organization platform fee (issue 10 §6). Any signed-in user may call;
// only users ops marked as platform administrators (users.is_platform_admin) get past the domain check.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { callerOf } from '../../plugins/access'
import { platformFeeFor, setFeeOverride } from '../../commerce/platform-fee'
import { errorResponses } from '../schemas'

export const FeeSourceSchema = Type.Union([Type.Literal('platform-default'), Type.Literal('organization-override')])

const OrgParams = Type.Object({ org_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
const FeeBody = Type.Object(
  {
    platform_fee_percentage: Type.Number({
      minimum: 0,
      maximum: 0.99,
      description: "This organizer's fee as a fraction: 0.05 is 5 %",
    }),
  },
  { additionalProperties: false },
)
const FeeRecord = Type.Object({
  org_id: Type.String(),
  platform_fee_percentage: Type.Number(),
  platform_fee_source: FeeSourceSchema,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const path = '/v1/platform/organizations/:org_id/platform-fee'
  const answer = async (orgId: string) => {
    const fee = await platformFeeFor(app.db, orgId, app.config.platformFeePercentage)
    return { org_id: orgId, platform_fee_percentage: fee.percentage, platform_fee_source: fee.source }
  }

  app.put(
    path,
    {
      config: { access: 'user' },
      schema: {
        tags: ['commerce'],
        summary: "Platform administrators: set one organizer's platform fee (orders funded from now on pay it)",
        params: OrgParams,
        body: FeeBody,
        response: { 200: FeeRecord, ...errorResponses },
      },
    },
    async (request) => {
      await setFeeOverride(app.db, {
        userId: callerOf(request).userId,
        orgId: request.params.org_id,
        percentage: request.body.platform_fee_percentage,
      })
      return answer(request.params.org_id)
    },
  )

  app.delete(
    path,
    {
      config: { access: 'user' },
      schema: {
        tags: ['commerce'],
        summary:
          "Platform administrators: return one organizer to the platform's default fee (PLATFORM_FEE_PERCENTAGE)",
        params: OrgParams,
        response: { 200: FeeRecord, ...errorResponses },
      },
    },
    async (request) => {
      await setFeeOverride(app.db, { userId: callerOf(request).userId, orgId: request.params.org_id, percentage: null })
      return answer(request.params.org_id)
    },
  )
}

export default routes
