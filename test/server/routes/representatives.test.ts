import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type SignedUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { sponsorWorld, type SponsorWorld } from '../../support/sponsor-fixtures'
import { invitationToken, readableMail, startSmtpSink, type SmtpSink } from '../../support/smtp-sink'

const password = 'correct horse battery'
const newEmail = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`

async function signUpAs(url: string, email: string): Promise<SignedUp> {
  const response = await api(url, 'POST', '/v1/auth/signup', {
    body: { email, password, name: email.split('@')[0], org_name: 'Own Org', org_kind: 'organizer' },
  })
  return { ...response.body, orgId: response.body.orgs[0].id, password }
}

describeBackends('representatives and invitations on %s', (backend) => {
  let server: TestServer
  let smtp: SmtpSink
  let world: SponsorWorld
  beforeAll(async () => {
    smtp = await startSmtpSink()
    server = await startTestServer({ backend, env: { SMTP_URL: smtp.url } })
    world = await sponsorWorld(server.url)
  })
  afterAll(async () => {
    await server.close()
    await smtp.close()
  })

  const asSponsorOwner = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: world.sponsorOwner.access_token, orgId: world.sponsorOwner.orgId, body })
  const invitationsPath = () => `/v1/organizations/${world.sponsorOwner.orgId}/sponsors/${world.sponsorId}/invitations`
  const invite = (email: string, role: string) => asSponsorOwner('POST', invitationsPath(), { email, role })

  it('emails an invitation over SMTP; the invitee accepts once and can then read leads as a representative', async () => {
    const email = newEmail('rep')
    const sent = await invite(email, 'representative')
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({
      invitation: { email, role: 'representative', status: 'pending', send_count: 1 },
      delivery: { status: 'sent' },
    })
    expect(JSON.stringify(sent.body)).not.toMatch(/token/i)
    const token = invitationToken(await smtp.nextTo(email))

    const rep = await signUpAs(server.url, email)
    const accepted = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: rep.access_token,
      body: { token },
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ sponsor_id: world.sponsorId, role: 'representative' })
    expect(accepted.body.permissions).toEqual(
      expect.arrayContaining(['sponsor:leads:read', 'sponsor:leads:capture', 'sponsor:leads:export']),
    )

    const mine = await api(server.url, 'GET', '/v1/my-sponsors', { token: rep.access_token })
    expect(mine.body.data).toMatchObject([
      { id: world.sponsorId, role: 'representative', events: [{ event_id: world.eventId }] },
    ])
    const again = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: rep.access_token,
      body: { token },
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('invitation-used')
  })

  it('refuses a token for another address, a revoked one, an expired one and a replaced one, with clear reasons', async () => {
    const email = newEmail('late')
    const sent = await invite(email, 'viewer')
    const token = invitationToken(await smtp.nextTo(email))
    const wrongUser = await signUpAs(server.url, newEmail('someone'))
    const wrong = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: wrongUser.access_token,
      body: { token },
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.message).toContain(email)

    const invitee = await signUpAs(server.url, email)
    const resent = await asSponsorOwner(
      'POST',
      `/v1/organizations/${world.sponsorOwner.orgId}/invitations/${sent.body.invitation.id}/resend`,
    )
    expect(resent.body.invitation.send_count).toBe(2)
    const freshToken = invitationToken(await smtp.nextTo(email))
    expect(
      (
        await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
          token: invitee.access_token,
          body: { token },
        })
      ).status,
    ).toBe(404)

    await server.db.query(`UPDATE sponsor_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      sent.body.invitation.id,
    ])
    const expired = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: invitee.access_token,
      body: { token: freshToken },
    })
    expect(expired.status).toBe(410)
    expect(expired.body.error.code).toBe('invitation-expired')

    await server.db.query(`UPDATE sponsor_invitations SET expires_at = now() + interval '1 day' WHERE id = $1`, [
      sent.body.invitation.id,
    ])
    const revoked = await asSponsorOwner(
      'DELETE',
      `/v1/organizations/${world.sponsorOwner.orgId}/invitations/${sent.body.invitation.id}`,
    )
    expect(revoked.body.status).toBe('revoked')
    const afterRevoke = await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: invitee.access_token,
      body: { token: freshToken },
    })
    expect(afterRevoke.status).toBe(410)
    expect(afterRevoke.body.error.code).toBe('invitation-revoked')
    expect((await api(server.url, 'GET', '/v1/my-sponsors', { token: invitee.access_token })).body.data).toEqual([])
  })

  it('lists representatives, changes a role, and removes one whose access then ends', async () => {
    const email = newEmail('booth')
    await invite(email, 'booth_staff')
    const staff = await signUpAs(server.url, email)
    await api(server.url, 'POST', '/v1/sponsor-invitations/accept', {
      token: staff.access_token,
      body: { token: invitationToken(await smtp.nextTo(email)) },
    })

    const users = await asSponsorOwner(
      'GET',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsors/${world.sponsorId}/users`,
    )
    expect(users.status, JSON.stringify(users.body)).toBe(200)
    const member = users.body.data.find((u: { email: string }) => u.email === email)
    expect(member).toMatchObject({ role: 'booth_staff', permissions: ['sponsor:leads:read', 'sponsor:leads:capture'] })

    // Booth staff cannot manage people.
    const byStaff = await api(server.url, 'POST', invitationsPath(), {
      token: staff.access_token,
      orgId: world.sponsorOwner.orgId,
      body: { email: newEmail('x'), role: 'admin' },
    })
    expect(byStaff.status).toBe(403)
    expect(byStaff.body.error.message).toContain('sponsor:users:manage')

    const changed = await asSponsorOwner(
      'PATCH',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${member.id}`,
      { role: 'viewer' },
    )
    expect(changed.body).toMatchObject({ role: 'viewer', permissions: ['sponsor:leads:read'] })
    const removed = await asSponsorOwner(
      'DELETE',
      `/v1/organizations/${world.sponsorOwner.orgId}/sponsor-users/${member.id}`,
    )
    expect(removed.status).toBe(200)
    expect((await api(server.url, 'GET', '/v1/my-sponsors', { token: staff.access_token })).body.data).toEqual([])
    const membership = await server.db.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [
      world.sponsorOwner.orgId,
      staff.user.id,
    ])
    expect(membership.rowCount).toBe(0)
  })

  it('lets the organizer that created a company invite its people, but not those of a self-serve sponsor', async () => {
    const asOrganizer = (method: string, path: string, body?: unknown) =>
      api(server.url, method, path, { token: world.organizer.access_token, orgId: world.organizer.orgId, body })
    const created = await asOrganizer(
      'POST',
      `/v1/organizations/${world.organizer.orgId}/events/${world.eventId}/sponsors`,
      { name: 'Managed Co', contact_email: 'm@managed.example', tier_id: world.tierIds[0] },
    )
    const email = newEmail('managed')
    const sent = await asOrganizer(
      'POST',
      `/v1/organizations/${world.organizer.orgId}/sponsors/${created.body.id}/invitations`,
      { email, role: 'admin' },
    )
    expect(sent.status).toBe(201)
    expect((await smtp.nextTo(email)).raw).toContain('Managed Co')
    const selfServe = await asOrganizer(
      'POST',
      `/v1/organizations/${world.organizer.orgId}/sponsors/${world.sponsorId}/invitations`,
      { email: newEmail('x'), role: 'admin' },
    )
    expect(selfServe.status).toBe(404)
  })

  it.each([
    ['an unknown role', { email: 'a@b.example', role: 'superuser' }],
    ['a malformed email', { email: 'not-an-email', role: 'viewer' }],
    ['an unknown permission', { email: 'a@b.example', role: 'viewer', permissions: ['sponsor:everything'] }],
  ])('refuses %s and writes nothing', async (_name, body) => {
    const before = (await server.db.query('SELECT count(*)::int AS n FROM sponsor_invitations')).rows[0]
    const response = await asSponsorOwner('POST', invitationsPath(), body)
    expect(response.status).toBe(400)
    expect((await server.db.query('SELECT count(*)::int AS n FROM sponsor_invitations')).rows[0]).toEqual(before)
  })
})

describe('invitation limits and the outbox', () => {
  it('allows 10 invitations a minute per user, then answers 429; without SMTP the mail lands in the outbox', async () => {
    const server = await startTestServer({ backend: 'pglite' })
    try {
      const world = await sponsorWorld(server.url, 'Busy')
      const path = `/v1/organizations/${world.sponsorOwner.orgId}/sponsors/${world.sponsorId}/invitations`
      const statuses: number[] = []
      for (let i = 0; i < 11; i++) {
        const response = await api(server.url, 'POST', path, {
          token: world.sponsorOwner.access_token,
          orgId: world.sponsorOwner.orgId,
          body: { email: `rep${i}@busy.example`, role: 'viewer' },
        })
        statuses.push(response.status)
        if (i === 0) expect(response.body.delivery.status).toBe('outbox')
      }
      expect(statuses).toEqual([...Array(10).fill(201), 429])
      const outbox = join(server.config.dataDir, 'outbox')
      const files = readdirSync(outbox)
      expect(files).toHaveLength(10)
      expect(readableMail(readFileSync(join(outbox, files[0]!), 'utf8'))).toMatch(/accept-invitation\?token=/)
    } finally {
      await server.close()
    }
  })
})
