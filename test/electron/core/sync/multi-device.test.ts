// Several booth devices on one server when a representative's access to a sponsor ends: the device keeps
// its own captures and edits the server refused — whole, until exported or discarded — and forgets the
// sponsor's leads, questions and directory, saying so. The devices that keep access are untouched.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { api, type SignedUp } from '../../../support/api-client'
import { describeBackends } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../../support/sponsor-fixtures'
import { addAttendees, capturer, representative } from '../../../support/lead-fixtures'
import { startDevices, type Device, type DeviceFleet } from '../../../support/multi-device'

describeBackends('devices that lose access to a sponsor, on %s', (backend) => {
  let server: TestServer
  let fleet: DeviceFleet | undefined
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterEach(async () => {
    await fleet?.close()
    fleet = undefined
  })
  afterAll(() => server.close())

  /** A sponsor at an event with 4 leads on the server, a qualifier question, and two representatives on two devices. */
  async function booth(name: string) {
    const world = await sponsorWorld(server.url, name)
    await addAttendees(
      server.url,
      world,
      ['L-1', 'L-2', 'L-3', 'L-4', 'N-1', 'N-2'].map((badge_code) => ({
        badge_code,
        name: `Person ${badge_code}`,
        consent_to_share: true,
      })),
    )
    const capture = capturer(server.url, world)
    for (const badge_code of ['L-1', 'L-2', 'L-3', 'L-4']) await capture({ badge_code, interaction: 'booth_visit' })
    const question = await api(
      server.url,
      'POST',
      `/v1/sponsors/${world.sponsorId}/events/${world.eventId}/qualifiers`,
      {
        token: world.sponsorOwner.access_token,
        orgId: world.sponsorOwner.orgId,
        body: { prompt: 'Budget?', kind: 'single_choice', options: ['<10k', '10k+'] },
      },
    )
    expect(question.status).toBe(201)
    const leaving = await representative(server.url, server.db, world, 'representative', `Leaving ${name}`)
    const staying = await representative(server.url, server.db, world, 'representative', `Staying ${name}`)
    fleet = await startDevices(server.url, 2)
    const [device, other] = fleet.devices as [Device, Device]
    await device.signIn(leaving)
    await other.signIn(staying)
    expect(await device.leads(world)).toHaveLength(4)
    expect(await device.directorySize(world)).toBe(6)
    expect(
      (await device.invoke('booth-questions', { sponsorId: world.sponsorId, eventId: world.eventId })).questions,
    ).toHaveLength(1)
    return { world, device, other, leaving, questionId: question.body.id as string }
  }

  /** Three captures with notes and qualifiers, and a note on a lead, made while the device is offline. */
  async function offlineWork(device: Device, world: SponsorWorld, questionId: string) {
    device.offline()
    await device.capture(world, {
      badgeCode: 'N-1',
      interaction: 'demo_request',
      notes: 'Wants a demo in March',
      qualifiers: { [questionId]: '10k+' },
    })
    await device.capture(world, { badgeCode: 'N-2', notes: 'Budget owner is her CFO' })
    await device.capture(world, {
      manual: { name: 'Walk-in Wanda', email: 'wanda@example.com', company: 'Wanda Co', consent_confirmed: true },
      notes: 'Met at the coffee bar',
    })
    const lead = (await device.leads(world)).find((l) => l.badge_code === 'L-1')!
    const edited = await device.edit(world, String(lead.id), { noteAdd: 'Call back Tuesday', starred: true })
    expect(edited).toMatchObject({ is_starred: true, notes: expect.stringContaining('Call back Tuesday') })
    expect(await device.status()).toMatchObject({ pending: 4 })
  }

  async function sponsorUserId(world: SponsorWorld, user: SignedUp) {
    return (
      await server.db.query<{ id: string }>('SELECT id FROM sponsor_users WHERE sponsor_id = $1 AND user_id = $2', [
        world.sponsorId,
        user.user.id,
      ])
    ).rows[0]!.id
  }

  /** After access ended: the refused work is kept whole, the sponsor's rows are gone, and a notice says so. */
  async function expectForgottenButKept(device: Device, world: SponsorWorld, name: string) {
    const status = await device.status()
    expect(status.pending).toBe(0)
    expect(status.rejected).toHaveLength(3)
    expect(status.rejected.map((c) => c.content?.notes).sort()).toEqual([
      'Budget owner is her CFO',
      'Met at the coffee bar',
      'Wants a demo in March',
    ])
    expect(status.rejected.every((c) => c.status === 'rejected' && c.reason)).toBe(true)
    expect(status.rejectedEdits).toMatchObject([{ args: { add_note: { text: 'Call back Tuesday' }, starred: true } }])
    expect(status.unexported).toBe(4)
    expect(await device.leads(world)).toEqual([])
    expect(await device.directorySize(world)).toBe(0)
    expect(
      (await device.invoke('booth-questions', { sponsorId: world.sponsorId, eventId: world.eventId })).questions,
    ).toEqual([])
    expect(status.notices.find((n) => n.code === 'access-removed')?.message).toMatch(
      new RegExp(
        `no longer have access to ${name}.*4 leads were removed from this device\\. 3 captures and 1 lead edit not accepted by the server are kept — export them`,
      ),
    )
    const cached = (await device.invoke('sponsors-list', {})).sponsors
    expect(cached.find((s) => s.id === world.sponsorId)?.permissions ?? []).not.toContain('sponsor:leads:read')
  }

  it('a representative removed while holding 3 offline captures with notes: kept whole and exported, the sponsor forgotten', async () => {
    const { world, device, other, leaving, questionId } = await booth('Removed Co')
    await offlineWork(device, world, questionId)
    const removed = await api(
      server.url,
      'DELETE',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${await sponsorUserId(world, leaving)}`,
      {
        token: world.sponsorOwner.access_token,
        orgId: world.sponsorOwner.orgId,
      },
    )
    expect(removed.status).toBe(200)
    device.online()
    await device.sync()
    await expectForgottenButKept(device, world, 'Removed Co')
    expect((await device.status()).rejected[0]!.reason).toMatch(/no longer represent/)

    // Signing out may not destroy them; the export carries every word, and then sign-out may go ahead.
    await expect(device.invoke('session-logout', {})).rejects.toMatchObject({
      code: 'unsynced-leads',
      message: expect.stringMatching(/not accepted by the server/),
    })
    const exported = await device.invoke('pending-export', {})
    expect(exported).toMatchObject({ count: 3, pending: 0, rejected: 3, edits: 1 })
    const file = JSON.parse(exported.content)
    const demo = file.captures.find((c: { badgeCode: string }) => c.badgeCode === 'N-1')
    expect(demo).toMatchObject({
      status: 'rejected',
      content: {
        notes: 'Wants a demo in March',
        qualifiers: { [questionId]: '10k+' },
        interaction: 'demo_request',
        captured_at: expect.any(String),
      },
    })
    expect(file.captures.find((c: { name: string }) => c.name === 'Walk-in Wanda').content.manual).toMatchObject({
      email: 'wanda@example.com',
      company: 'Wanda Co',
    })
    expect(file.rejectedMutations).toMatchObject(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'lead.update',
          args: expect.objectContaining({ add_note: expect.objectContaining({ text: 'Call back Tuesday' }) }),
        }),
      ]),
    )
    expect((await device.status()).unexported).toBe(exported.count + exported.edits)
    await device.invoke('pending-export-saved', exported.receipt)
    expect(await device.status()).toMatchObject({ unexported: 0 })
    expect((await device.status()).rejected).toHaveLength(3)

    // The representative who stays keeps everything.
    await other.sync()
    expect(await other.leads(world)).toHaveLength(4)
    expect(await other.directorySize(world)).toBe(6)
    expect((await other.status()).notices).toEqual([])
    expect(await device.invoke('session-logout', {})).toMatchObject({ state: 'signed-out' })
  })

  it('a role without sponsor:leads:read purges the sponsor; given back, the device pulls it all again', async () => {
    const { world, device, leaving, questionId } = await booth('Demoted Co')
    const as = { token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId }
    const path = `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${await sponsorUserId(world, leaving)}`
    await offlineWork(device, world, questionId)
    expect((await api(server.url, 'PATCH', path, { ...as, body: { role: 'viewer', permissions: [] } })).status).toBe(
      200,
    )
    device.online()
    await device.sync()
    await expectForgottenButKept(device, world, 'Demoted Co')
    expect((await device.status()).rejected[0]!.reason).toMatch(/sponsor:leads:capture/)

    expect((await api(server.url, 'PATCH', path, { ...as, body: { role: 'representative' } })).status).toBe(200)
    await device.sync()
    expect(await device.leads(world)).toHaveLength(4)
    expect(await device.directorySize(world)).toBe(6)
    expect((await device.status()).rejected).toHaveLength(3)
  })

  it('capture-only access: the device still captures for the sponsor, but holds none of its leads', async () => {
    const { world, device, leaving } = await booth('Capture Co')
    const path = `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${await sponsorUserId(world, leaving)}`
    const as = { token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId }
    expect(
      (await api(server.url, 'PATCH', path, { ...as, body: { permissions: ['sponsor:leads:capture'] } })).status,
    ).toBe(200)
    await device.capture(world, { badgeCode: 'N-1', notes: 'Scanned after the change' })
    const status = await device.sync()
    expect(status).toMatchObject({ pending: 0, rejected: [] })
    expect(await device.leads(world)).toEqual([])
    expect(status.notices[0]!.message).toMatch(
      /no longer have access to Capture Co Org; its 4 leads were removed from this device\.$/,
    )
    const onServer = await server.db.query('SELECT notes FROM leads WHERE sponsor_id = $1 AND badge_code = $2', [
      world.sponsorId,
      'N-1',
    ])
    expect(onServer.rows[0]!.notes).toBe('Scanned after the change')
  })

  it('a sponsor archived at its event is purged from the device, its refused captures kept', async () => {
    const { world, device, questionId } = await booth('Archived Co')
    await offlineWork(device, world, questionId)
    const archived = await api(
      server.url,
      'DELETE',
      `/v1/organizations/${world.organizer.orgId}/sponsors/${world.sponsorId}?event_id=${world.eventId}`,
      {
        token: world.organizer.access_token,
        orgId: world.organizer.orgId,
      },
    )
    expect(archived.status).toBe(200)
    device.online()
    await device.sync()
    const status = await device.status()
    // The capture is refused (archived); the edit of an existing lead may still apply: the sponsor's leads stay its own.
    expect(status.rejected).toHaveLength(3)
    expect(status.rejected[0]!.reason).toMatch(/archived/)
    expect(status.rejected.map((c) => c.content?.notes).sort()).toEqual([
      'Budget owner is her CFO',
      'Met at the coffee bar',
      'Wants a demo in March',
    ])
    expect(await device.leads(world)).toEqual([])
    expect(await device.directorySize(world)).toBe(0)
    expect(status.notices.find((n) => n.code === 'access-removed')?.message).toMatch(
      /no longer have access to Archived Co.*4 leads were removed.*3 captures.*are kept/,
    )
  })

  it('refused captures stay through syncs and sign-in until the user discards them, and only those asked', async () => {
    const { world, device, leaving, questionId } = await booth('Discard Co')
    await offlineWork(device, world, questionId)
    await server.db.query('DELETE FROM sponsor_users WHERE user_id = $1', [leaving.user.id])
    device.online()
    for (let i = 0; i < 3; i++) await device.sync()
    await device.restart()
    await device.sync()
    const before = await device.status()
    expect(before.rejected).toHaveLength(3)
    expect(before.rejectedEdits).toHaveLength(1)

    const wanda = before.rejected.find((c) => c.name === 'Walk-in Wanda')!
    expect(await device.invoke('rejected-discard', { leadIds: [wanda.leadId] })).toEqual({ discarded: 1 })
    const after = await device.status()
    expect(after.rejected.map((c) => c.name).sort()).toEqual(['Person N-1', 'Person N-2'])
    expect(after.rejectedEdits).toHaveLength(1)
    expect(await device.invoke('rejected-discard', { all: true })).toEqual({ discarded: 3 })
    expect(await device.status()).toMatchObject({ rejected: [], rejectedEdits: [], unexported: 0 })

    const notice = (await device.status()).notices[0]!
    expect(await device.invoke('notices-dismiss', { ids: [notice.id] })).toEqual({ dismissed: 1 })
    expect((await device.status()).notices).toEqual([])
    expect(await device.invoke('session-logout', {})).toMatchObject({ state: 'signed-out' })
  })
})

describeBackends('devices editing the same lead, on %s', (backend) => {
  let server: TestServer
  let fleet: DeviceFleet | undefined
  beforeAll(async () => {
    server = await startTestServer({ backend })
  })
  afterAll(async () => {
    await fleet?.close()
    await server.close()
  })

  it('sends notes as entries that all survive, and tells the device whose older change lost', async () => {
    const world = await sponsorWorld(server.url, 'Edit Co')
    await addAttendees(server.url, world, [{ badge_code: 'E-1', name: 'Eve', consent_to_share: true }])
    await capturer(server.url, world)({ badge_code: 'E-1', interaction: 'booth_visit' })
    fleet = await startDevices(server.url, 2)
    const [first, second] = fleet.devices as [Device, Device]
    await first.signIn(await representative(server.url, server.db, world, 'representative', 'First Fay'))
    await second.signIn(await representative(server.url, server.db, world, 'representative', 'Second Sam'))
    const leadId = String((await first.leads(world))[0]!.id)

    first.offline()
    const local = await first.edit(world, leadId, { followUpStatus: 'contacted', noteAdd: 'Fay: wants pricing' })
    expect(local).toMatchObject({
      follow_up_status: 'contacted',
      notes: 'Fay: wants pricing',
      note_entries: [{ author_name: 'First Fay', text: 'Fay: wants pricing' }],
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await second.edit(world, leadId, { followUpStatus: 'qualified', noteAdd: 'Sam: demo booked' })
    await second.sync()
    first.online()
    await first.sync()
    await second.sync()

    for (const device of [first, second]) {
      const lead = (await device.leads(world)).find((l) => l.id === leadId)!
      expect(lead.follow_up_status).toBe('qualified')
      expect((lead.note_entries as { text: string }[]).map((n) => n.text).sort()).toEqual([
        'Fay: wants pricing',
        'Sam: demo booked',
      ])
    }
    const notices = (await first.status()).notices
    expect(notices.find((n) => n.code === 'field-superseded')).toMatchObject({
      leadId,
      sponsorId: world.sponsorId,
      message: expect.stringMatching(/Second Sam/),
    })
    expect(notices.find((n) => n.code === 'note-merged')).toMatchObject({ leadId })
  })
})
