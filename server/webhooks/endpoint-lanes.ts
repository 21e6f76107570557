// The deliveries this instance holds, one lane per endpoint: a lane starts at most `concurrency` sends at a
// time, in the order they were claimed; the next one starts as soon as a send is answered.
import type { ClaimedDelivery } from '../repositories/webhook-deliveries-repository'

export interface HeldDelivery extends ClaimedDelivery {
  /** When this instance's lease on it ends (local clock): after that another instance may take it. */
  leaseEndsAt: number
}

export class EndpointLanes {
  private readonly queued = new Map<string, HeldDelivery[]>()
  private readonly active = new Map<string, number>()

  constructor(private readonly concurrency: number) {}

  add(deliveries: HeldDelivery[]) {
    for (const d of deliveries) {
      const lane = this.queued.get(d.endpointId) ?? []
      lane.push(d)
      this.queued.set(d.endpointId, lane)
    }
  }

  /** Takes every delivery that may start now, counting each as sending. */
  takeStartable(): HeldDelivery[] {
    const started: HeldDelivery[] = []
    for (const [endpointId, lane] of this.queued) {
      let active = this.active.get(endpointId) ?? 0
      while (lane.length && active < this.concurrency) {
        started.push(lane.shift()!)
        active++
      }
      this.active.set(endpointId, active)
      if (!lane.length) this.queued.delete(endpointId)
    }
    return started
  }

  /** Takes every delivery not started yet (the worker stops and gives them back). */
  takeQueued(): HeldDelivery[] {
    const queued = [...this.queued.values()].flat()
    this.queued.clear()
    return queued
  }

  /** A send to this endpoint was answered (or failed): its slot is free. */
  finished(endpointId: string) {
    const active = (this.active.get(endpointId) ?? 1) - 1
    if (active > 0) this.active.set(endpointId, active)
    else this.active.delete(endpointId)
  }
}
