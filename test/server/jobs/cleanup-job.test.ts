import { afterAll, beforeAll, expect, it } from 'vitest'
import { startJobs, type JobRunner } from '../../../server/jobs/job-runner'
import { queues } from '../../../server/jobs/queues'
import { signUp } from '../../support/api-client'
import { describeBackends } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

describeBackends('cleanup job through pg-boss on %s', (backend) => {
  let server: TestServer & { databaseUrl?: string }
  let jobs: JobRunner
  beforeAll(async () => {
    server = await startTestServer({ backend })
    jobs = await startJobs({
      db: server.db,
      databaseUrl: server.databaseUrl,
      log: silent,
      isWorker: true,
      pollingIntervalSeconds: 0.5,
      stripe: server.app.stripe.client,
      payoutMaxAttempts: 3,
    })
  })
  afterAll(async () => {
    await jobs.stop()
    await server.close()
  })

  it('removes expired idempotency keys and refresh tokens, and keeps live ones', async () => {
    const user = await signUp(server.url)
    await server.db.query(
      `INSERT INTO idempotency_keys (scope, key, fingerprint, state, created_at) VALUES
       ('user:x', 'old', 'f', 'completed', now() - interval '25 hours'), ('user:x', 'fresh', 'f', 'completed', now())`,
    )
    await server.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, device_id, token_hash, expires_at)
       VALUES ($1, gen_random_uuid(), 'd', 'expired-hash', now() - interval '1 minute')`,
      [user.user.id],
    )
    const jobId = await jobs.boss.send(queues.maintenanceCleanup, {})
    expect(jobId).toBeTruthy()

    await expect
      .poll(async () => (await jobs.boss.getJobById(queues.maintenanceCleanup, jobId!))?.state, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe('completed')
    const keys = await server.db.query(`SELECT key FROM idempotency_keys WHERE scope = 'user:x'`)
    expect(keys.rows.map((r) => r.key)).toEqual(['fresh'])
    const tokens = await server.db.query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [user.user.id])
    expect(tokens.rows.map((r) => r.token_hash)).not.toContain('expired-hash')
    expect(tokens.rows).toHaveLength(1)
  })
})
