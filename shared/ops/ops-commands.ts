// The desktop commands of the Operations panel. Online only; a user who is not a platform administrator gets
// `allowed: false` (the panel and its navigation entry stay hidden), never an error screen.
import { Type, type TSchema } from 'typebox'
import { AlertRecord, OpsOverview } from './ops-overview'

const command = <A extends TSchema, R extends TSchema>(args: A, result: R) => ({ args, result })

export const OpsAccess = Type.Union([
  Type.Object({ allowed: Type.Literal(false) }),
  Type.Object({ allowed: Type.Literal(true), overview: OpsOverview }),
])

export const opsCommands = {
  'ops-overview': command(Type.Object({}), OpsAccess),
  'ops-alert-acknowledge': command(Type.Object({ alertId: Type.String({ format: 'uuid' }) }), AlertRecord),
}
