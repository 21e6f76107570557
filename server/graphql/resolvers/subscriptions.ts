// Live lead feeds over graphql-ws: the lead room's permission check on subscribe, eviction on access change
// (lead-subscriptions.ts), moments from every instance (realtime/feed-bus.ts).
import type { GraphContext } from '../context'
import { userOf } from '../context'
import type { FeedMessage } from '../../realtime/feed-bus'

type Moment<K> = Extract<FeedMessage, { kind: K }>

export const subscriptionResolvers = {
  Subscription: {
    leadCaptured: {
      subscribe: (_: unknown, { sponsorId }: { sponsorId: string }, ctx: GraphContext) =>
        ctx.app.leadSubscriptions.open(userOf(ctx).userId, sponsorId, 'lead.captured'),
      resolve: (moment: Moment<'lead.captured'>) => moment.lead,
    },
    leadIntentUpdated: {
      subscribe: (_: unknown, { sponsorId }: { sponsorId: string }, ctx: GraphContext) =>
        ctx.app.leadSubscriptions.open(userOf(ctx).userId, sponsorId, 'lead.intent'),
      resolve: (moment: Moment<'lead.intent'>) => ({
        lead: moment.lead,
        intentLevel: moment.lead.intentLevel,
        intentScore: moment.lead.intentScore,
        previousIntentLevel: moment.previousLevel,
      }),
    },
  },
}
