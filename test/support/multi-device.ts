// Several desktop devices against one real server: each a DesktopCore with its own SQLite replica, behind
// its own cuttable proxy, so one device's network can be taken away and given back while the others work.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DesktopCore } from '../../electron/core/desktop-core'
import type { CaptureItem, CommandArgs, CommandResult, DesktopCommandName, SyncStatus } from '../../shared/desktop-api'
import type { SignedUp } from './api-client'
import { startCuttableProxy, type CuttableProxy } from './cuttable-proxy'
import type { SponsorWorld } from './sponsor-fixtures'

export interface Device {
  name: string
  core: DesktopCore
  proxy: CuttableProxy
  dataDir: string
  invoke<C extends DesktopCommandName>(command: C, args: CommandArgs<C>): Promise<CommandResult<C>>
  /** Signs in as the user, lists their sponsors and syncs. */
  signIn(user: SignedUp): Promise<void>
  /** Captures at the world's sponsor and event (badge code or a manual person, plus anything else). */
  capture(world: SponsorWorld, args: Partial<CommandArgs<'booth-capture'>>): Promise<CaptureItem>
  edit(
    world: SponsorWorld,
    leadId: string,
    change: Omit<CommandArgs<'lead-update'>, 'sponsorId' | 'leadId'>,
  ): Promise<Record<string, unknown>>
  /** Syncs until nothing is pending or the network is gone; answers the status after. */
  sync(): Promise<SyncStatus>
  status(): Promise<SyncStatus>
  leads(world: SponsorWorld): Promise<Record<string, unknown>[]>
  directorySize(world: SponsorWorld): Promise<number>
  offline(): void
  online(): void
  /** Closes the core and opens a new one on the same data folder, as an app restart does. */
  restart(): Promise<void>
}

export interface DeviceFleet {
  devices: Device[]
  close(): Promise<void>
}

export async function startDevices(serverUrl: string, count: number): Promise<DeviceFleet> {
  const devices: Device[] = []
  for (let i = 0; i < count; i++) devices.push(await startDevice(serverUrl, `device-${i + 1}`))
  return {
    devices,
    close: async () => {
      for (const device of devices) {
        await device.core.close()
        await device.proxy.close()
        rmSync(device.dataDir, { recursive: true, force: true })
      }
    },
  }
}

async function startDevice(serverUrl: string, name: string): Promise<Device> {
  const proxy = await startCuttableProxy(serverUrl)
  const dataDir = mkdtempSync(join(tmpdir(), `yp-${name}-`))
  const open = () =>
    new DesktopCore({ dataDir, defaultServerUrl: proxy.url, sync: { minDelayMs: 50, maxDelayMs: 200 } })
  let isOnline = true
  const invoke = <C extends DesktopCommandName>(command: C, args: CommandArgs<C>) =>
    device.core.invoke(command, args) as Promise<CommandResult<C>>
  const status = () => invoke('sync-status', {})
  const device: Device = {
    name,
    core: open(),
    proxy,
    dataDir,
    invoke,
    status,
    async signIn(user) {
      await invoke('session-login', { serverUrl: proxy.url, email: user.user.email, password: user.password })
      await invoke('sponsors-list', {})
      await this.sync()
    },
    capture: (world, args) =>
      invoke('booth-capture', {
        sponsorId: world.sponsorId,
        eventId: world.eventId,
        interaction: 'booth_visit',
        ...args,
      }),
    edit: (world, leadId, change) => invoke('lead-update', { sponsorId: world.sponsorId, leadId, ...change }),
    async sync() {
      await device.core.syncNow()
      // A loaded machine may need a retry or two right after the network comes back.
      const isDone = (s: SyncStatus) => s.pending === 0 && s.lastError === null
      for (let i = 0; isOnline && i < 20 && !isDone(await status()); i++) await device.core.syncNow()
      return status()
    },
    leads: async (world) => (await invoke('leads-list', { sponsorId: world.sponsorId, includeArchived: true })).leads,
    directorySize: async (world) =>
      (await invoke('booth-recent', { sponsorId: world.sponsorId, eventId: world.eventId })).directorySize,
    offline() {
      isOnline = false
      proxy.cut()
    },
    online() {
      isOnline = true
      proxy.restore()
    },
    async restart() {
      await device.core.close()
      device.core = open()
    },
  }
  return device
}
