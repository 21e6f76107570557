// The operations overview platform administrators read (GET /v1/ops/overview): the seeds' SLOs, job queues,
// the outbox readers' backlog, dead letters and admin alerts. One schema for the route and the desktop.
import { Type, type Static } from 'typebox'

export const SloState = Type.Union([Type.Literal('met'), Type.Literal('breached'), Type.Literal('no-data')])

export const SloRecord = Type.Object({
  key: Type.String(),
  label: Type.String(),
  target: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.String(),
  state: SloState,
  source: Type.String(),
})

export const QueueRecord = Type.Object({
  queue: Type.String(),
  depth: Type.Integer(),
  lagSeconds: Type.Number(),
  failedLastHour: Type.Integer(),
})

export const AlertRecord = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  subject_id: Type.String(),
  message: Type.String(),
  details: Type.Unknown(),
  created_at: Type.String(),
  acknowledged_at: Type.Union([Type.String(), Type.Null()]),
})

export const OpsOverview = Type.Object({
  slos: Type.Array(SloRecord),
  queues: Type.Array(QueueRecord),
  outbox: Type.Array(Type.Object({ reader: Type.String(), backlog: Type.Integer() })),
  dead_letters: Type.Union([Type.Integer(), Type.Null()]),
  alerts: Type.Array(AlertRecord),
  generated_at: Type.String(),
})

export type SloRecord = Static<typeof SloRecord>
export type AlertRecord = Static<typeof AlertRecord>
export type OpsOverview = Static<typeof OpsOverview>
