import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { api, sampleEvent, signUp } from '../../support/api-client'
import { testDatabaseUrl } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => reject(error))
  })
}

describe('realtime handshake', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ backend: 'pglite' })
  })
  afterAll(() => server.close())

  it('refuses a connection without a valid access token', async () => {
    await expect(connect(server.url, 'not-a-token')).rejects.toThrow(/unauthorized/)
  })

  it('refuses a malformed join with an error acknowledgement', async () => {
    const user = await signUp(server.url)
    const socket = await connect(server.url, user.access_token)
    try {
      expect(await socket.timeout(5000).emitWithAck('org.join', { org_id: 42 })).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      })
    } finally {
      socket.disconnect()
    }
  })
})

// Two instances on one Postgres database behave as one: the postgres adapter shares rooms.
describe.skipIf(!testDatabaseUrl)(
  'realtime across two server instances on one Postgres (needs TEST_DATABASE_URL)',
  () => {
    let first: TestServer & { databaseUrl?: string }
    let second: TestServer
    beforeAll(async () => {
      first = await startTestServer({ backend: 'postgres' })
      second = await startTestServer({ backend: 'postgres', databaseUrl: first.databaseUrl! })
    })
    afterAll(async () => {
      await second.close()
      await first.close()
    })

    it('delivers an event emitted on one instance to a client connected to the other', async () => {
      const owner = await signUp(first.url)
      const created = await api(first.url, 'POST', '/v1/events', {
        token: owner.access_token,
        orgId: owner.orgId,
        body: sampleEvent,
      })
      const socket = await connect(first.url, owner.access_token)
      try {
        expect(await socket.timeout(5000).emitWithAck('org.join', { org_id: owner.orgId })).toEqual({ ok: true })
        const received = new Promise((resolve) => socket.once('event.updated', resolve))
        const patched = await api(second.url, 'PATCH', `/v1/events/${created.body.id}`, {
          token: owner.access_token,
          orgId: owner.orgId,
          body: { title: 'Seen across instances' },
        })
        expect(patched.status).toBe(200)
        expect(await received).toMatchObject({ id: created.body.id, title: 'Seen across instances' })
      } finally {
        socket.disconnect()
      }
    })
  },
)
