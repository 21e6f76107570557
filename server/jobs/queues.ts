// Every job queue, by name, with its schedule. Handlers live beside this file.
export const queues = {
  maintenanceCleanup: 'maintenance.cleanup',
} as const

export type QueueName = (typeof queues)[keyof typeof queues]
