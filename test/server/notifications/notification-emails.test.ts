// Lead and moment notification emails end to end, through the real SMTP sink: a hot lead makes one email
// with the consented fields only; an hourly digest groups new leads by intent and goes once per hour window
// (the digest clock is injected); the one-click unsubscribe link (RFC 8058) stops the emails; organizers get
// the moments they chose. The app's own sender is stopped: this file's sender, on a clock it moves, sends.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../support/smtp-sink'
import { api, type SignedUp } from '../../support/api-client'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { addAttendees, capturer } from '../../support/lead-fixtures'
import { as, eventually } from '../../support/commerce-fixtures'
import { recordDomainEvent } from '../../../server/repositories/domain-events-repository'
import { NotificationEmailSender } from '../../../server/notifications/email-sender'
import { createMailer } from '../../../server/mail/mailer'

describeBackends('notification emails on %s', (backend) => {
  let server: TestServer
  let smtp: SmtpSink
  let sender: NotificationEmailSender
  let clock = new Date()

  beforeAll(async () => {
    smtp = await startSmtpSink()
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url, OUTBOX_POLL_MS: '20' } })
    await server.app.notificationEmails.stop()
    sender = new NotificationEmailSender({
      db: server.db,
      mailer: createMailer(server.config),
      log: server.app.log,
      secret: server.config.jwtSecret,
      apiUrl: () => server.url,
      now: () => clock,
    })
  })
  afterAll(async () => {
    await server.close()
    await smtp.close()
  })

  /** Waits until the notifications reader has read every committed event, then sends what is due. */
  const settle = async () => {
    server.app.outbox.kick()
    await eventually(
      async () =>
        (
          await server.db.query<{ ok: boolean }>(
            `SELECT NOT EXISTS (SELECT 1 FROM domain_events WHERE seq IS NULL)
               AND (SELECT last_seq FROM domain_event_cursors WHERE reader = 'notifications') >= (SELECT coalesce(max(seq), 0) FROM domain_events) AS ok`,
          )
        ).rows[0]!.ok,
      Boolean,
    )
    return sender.drain()
  }
  // Headers unfolded (long ones, like List-Unsubscribe, are folded over lines).
  const mailsTo = (who: SignedUp) =>
    smtp.messages
      .filter((m) => m.to.includes(who.user.email.toLowerCase()))
      .map((m) => ({ ...m, raw: m.raw.replace(/\r?\n[ \t]+/g, ' ') }))
  const setPreference = async (who: SignedUp, eventId: string, body: Record<string, unknown>) => {
    const saved = await api(server.url, 'PUT', `/v1/me/notification-preferences/${eventId}`, { ...as(who), body })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    return saved.body
  }
  const unsubscribeUrl = (mail: ReceivedMail) => {
    const header = mail.raw.match(/^List-Unsubscribe: <([^>]+)>/im)
    if (!header) throw new Error(`no List-Unsubscribe header in:\n${mail.raw}`)
    return header[1]!
  }
  const attendee = (badge: string, name: string) => ({
    badge_code: badge,
    name,
    email: `${badge.toLowerCase()}@guest.example`,
    company: `${name} Corp`,
    consent_to_share: true,
  })
  /** Captures the badge with these interactions, one capture each (a repeat visit adds 5 points). */
  const visit = async (world: SponsorWorld, badge: string, interactions: string[], extra = {}) => {
    const capture = capturer(server.url, world)
    for (const interaction of interactions) {
      const made = await capture({ badge_code: badge, interaction, ...extra })
      expect([200, 201]).toContain(made.status)
    }
  }

  it('emails each hot lead once, with the consented fields and never the notes or answers', async () => {
    const world = await sponsorWorld(server.url, 'Hotline')
    await addAttendees(server.url, world, [attendee('HOT-1', 'Hana Hot')])
    await setPreference(world.sponsorOwner, world.eventId, { lead_emails: 'each_hot_lead' })
    // 30, then 35 + a repeat visit's 5: hot (70) at the second capture.
    await visit(world, 'HOT-1', ['demo_request'], { notes: 'SECRET-NOTE-budget-cut' })
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(0)
    await visit(world, 'HOT-1', ['direct_request'])
    await settle()
    const [mail, ...more] = mailsTo(world.sponsorOwner)
    expect(more).toHaveLength(0)
    expect(mail!.raw).toMatch(/^Subject: Hot lead at .*Hana Hot/m)
    expect(mail!.raw).toContain('hot-1@guest.example')
    expect(mail!.raw).toContain('Hana Hot Corp')
    expect(mail!.raw).not.toContain('SECRET-NOTE')
    expect(mail!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m)
    expect(unsubscribeUrl(mail!)).toMatch(/\/v1\/notifications\/unsubscribe\?token=/)
    // Still hot at a third visit: no second email for the same lead.
    await visit(world, 'HOT-1', ['booth_visit'])
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(1)
  })

  it('never puts a field outside the consented list in an email, whatever the event carries', async () => {
    const world = await sponsorWorld(server.url, 'Strict')
    await setPreference(world.sponsorOwner, world.eventId, { lead_emails: 'each_hot_lead' })
    await server.db.transaction((tx) =>
      recordDomainEvent(tx, {
        type: 'lead.captured',
        orgIds: [world.sponsorOwner.orgId],
        eventId: world.eventId,
        data: {
          lead_id: randomUUID(),
          sponsor_id: world.sponsorId,
          event_id: world.eventId,
          intent_score: 80,
          intent_level: 'hot',
          previous_intent_level: null,
          is_repeat: false,
          notes: 'PRIVATE-NOTE',
          attendee: {
            name: 'Olga Open',
            email: 'olga@guest.example',
            date_of_birth: '1990-01-01',
            home_address: '12 PRIVATE Lane',
          },
        },
      }),
    )
    await settle()
    const [mail] = mailsTo(world.sponsorOwner)
    expect(mail!.raw).toContain('Olga Open')
    expect(mail!.raw).toContain('olga@guest.example')
    for (const secret of ['1990-01-01', 'PRIVATE', 'date_of_birth', 'home_address'])
      expect(mail!.raw).not.toContain(secret)
  })

  it('sends an hourly digest of new leads grouped by intent, once per hour window', async () => {
    const world = await sponsorWorld(server.url, 'Digest')
    await addAttendees(server.url, world, [
      attendee('D-COLD', 'Carl Cold'),
      attendee('D-WARM', 'Wanda Warm'),
      attendee('D-HOT', 'Hugo Hot'),
      attendee('D-LATE', 'Lena Late'),
    ])
    await setPreference(world.sponsorOwner, world.eventId, { lead_emails: 'hourly_digest' })
    await visit(world, 'D-COLD', ['booth_visit'])
    await visit(world, 'D-WARM', ['demo_request', 'content_download'])
    await visit(world, 'D-HOT', ['demo_request', 'direct_request'])
    await settle()
    // Pinned to one window, so the test does not depend on the wall clock's hour turning meanwhile.
    const window = new Date('2031-05-05T10:00:00Z')
    await server.db.query('UPDATE lead_digest_items SET window_start = $2 WHERE event_id = $1', [world.eventId, window])
    clock = new Date('2031-05-05T10:59:59Z')
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(0)
    clock = new Date('2031-05-05T11:00:00Z')
    await settle()
    await settle()
    const [digest, ...more] = mailsTo(world.sponsorOwner)
    expect(more).toHaveLength(0)
    expect(digest!.raw).toMatch(/^Subject: 3 new leads at /m)
    const body = digest!.raw
    const section = (title: string) => body.slice(body.indexOf(title)).split('\n\n')[0]!
    expect(section('Hot (1)')).toContain('Hugo Hot')
    expect(section('Warm (1)')).toContain('Wanda Warm')
    expect(section('Cold (1)')).toContain('Carl Cold')
    expect(body.indexOf('Hot (1)')).toBeLessThan(body.indexOf('Cold (1)'))
    // A lead read after its window's digest went: not a second digest for that window, but the next one.
    clock = new Date()
    await visit(world, 'D-LATE', ['booth_visit'])
    await settle()
    await server.db.query('UPDATE lead_digest_items SET window_start = $2 WHERE event_id = $1 AND flushed_at IS NULL', [
      world.eventId,
      window,
    ])
    clock = new Date('2031-05-05T11:00:00Z')
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(1)
    clock = new Date('2031-05-05T12:00:00Z')
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(2)
    expect(mailsTo(world.sponsorOwner)[1]!.raw).toContain('Lena Late')
    expect(mailsTo(world.sponsorOwner)[1]!.raw).not.toContain('Hugo Hot')
    clock = new Date()
  })

  it('stops the emails with the one-click link: GET only asks, POST unsubscribes without a sign-in', async () => {
    const world = await sponsorWorld(server.url, 'Unsub')
    await addAttendees(server.url, world, [attendee('U-1', 'Uma One'), attendee('U-2', 'Ugo Two')])
    await setPreference(world.sponsorOwner, world.eventId, { lead_emails: 'each_hot_lead' })
    await visit(world, 'U-1', ['demo_request', 'direct_request'])
    await settle()
    const url = unsubscribeUrl(mailsTo(world.sponsorOwner)[0]!)
    const mode = async () =>
      (
        await api(
          server.url,
          'GET',
          `/v1/me/notification-preferences?event_id=${world.eventId}`,
          as(world.sponsorOwner),
        )
      ).body.data[0].lead_emails
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toContain('<form method="post"')
    expect(await mode()).toBe('each_hot_lead')
    // A forged or truncated token: 400, nothing changes.
    const forged = await fetch(url.slice(0, -3) + 'xyz', { method: 'POST' })
    expect(forged.status).toBe(400)
    expect(await mode()).toBe('each_hot_lead')
    const done = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(done.status).toBe(200)
    expect(await mode()).toBe('off')
    // Twice is fine (a mail provider may retry).
    expect((await fetch(url, { method: 'POST' })).status).toBe(200)
    await visit(world, 'U-2', ['demo_request', 'direct_request'])
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(1)
  })

  it('drops a queued email whose preference was turned off before it went out', async () => {
    const world = await sponsorWorld(server.url, 'Dropped')
    await addAttendees(server.url, world, [attendee('Q-1', 'Quinn Queue')])
    await setPreference(world.sponsorOwner, world.eventId, { lead_emails: 'each_hot_lead' })
    await visit(world, 'Q-1', ['demo_request', 'direct_request'])
    server.app.outbox.kick()
    await eventually(
      async () =>
        (await server.db.query('SELECT 1 FROM notification_emails WHERE event_id = $1', [world.eventId])).rows.length,
      (n) => n === 1,
    )
    await setPreference(world.sponsorOwner, world.eventId, { lead_emails: 'off' })
    await settle()
    expect(mailsTo(world.sponsorOwner)).toHaveLength(0)
    const { rows } = await server.db.query('SELECT status FROM notification_emails WHERE event_id = $1', [
      world.eventId,
    ])
    expect(rows).toEqual([{ status: 'dropped' }])
  })

  it('emails organizers the moments they chose, and only those', async () => {
    const world = await sponsorWorld(server.url, 'Moments')
    await setPreference(world.organizer, world.eventId, { moments: ['order.funded', 'payout.completed'] })
    const emit = (type: string, data: Record<string, unknown>) =>
      server.db.transaction((tx) =>
        recordDomainEvent(tx, {
          type,
          orgIds: [world.organizer.orgId, world.sponsorOwner.orgId],
          eventId: world.eventId,
          data,
        }),
      )
    await emit('order.funded', { event_id: world.eventId, amount_cents: 125000, currency: 'usd' })
    await emit('proposal.sent', { event_id: world.eventId })
    await settle()
    const mails = mailsTo(world.organizer)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.raw).toMatch(/^Subject: Order funded/m)
    expect(mails[0]!.raw).toContain('$1,250.00')
    expect(mailsTo(world.sponsorOwner)).toHaveLength(0)
    // Its unsubscribe link turns off that moment only.
    expect((await fetch(unsubscribeUrl(mails[0]!), { method: 'POST' })).status).toBe(200)
    const now = await api(
      server.url,
      'GET',
      `/v1/me/notification-preferences?event_id=${world.eventId}`,
      as(world.organizer),
    )
    expect(now.body.data[0].moments).toEqual(['payout.completed'])
  })
})
