// deploy/prometheus-rules.yml alerts on metrics this server really exports, one rule per seed SLO.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ServerMetrics } from '../../../server/metrics/server-metrics'

interface Rule {
  alert: string
  expr: string
  for?: string
  labels?: Record<string, string>
}

const rules: Rule[] = (
  parse(readFileSync('deploy/prometheus-rules.yml', 'utf8')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((g) => g.rules)

describe('deploy/prometheus-rules.yml', () => {
  it('reads only metrics the server exports', async () => {
    const metrics = new ServerMetrics()
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name))
    const withSuffixes = (name: string) => [name, ...['_bucket', '_count', '_sum'].map((s) => name + s)]
    const known = new Set([...exported].flatMap(withSuffixes))
    for (const rule of rules) {
      const names = rule.expr.match(/yardpass_[a-z0-9_]+/g) ?? []
      expect(names.length, rule.alert).toBeGreaterThan(0)
      for (const name of names) expect(known.has(name), `${rule.alert} reads ${name}`).toBe(true)
    }
  })

  it("has an alert for each of the seeds' SLOs", () => {
    const alerts = rules.map((r) => r.alert)
    for (const slo of [
      'YardpassApiLatencyP95High',
      'YardpassDatabaseP95High',
      'YardpassQueueLag',
      'YardpassQueueDepth',
      'YardpassPayoutSuccessLow',
    ])
      expect(alerts).toContain(slo)
    for (const rule of rules) expect(rule.labels?.severity, rule.alert).toMatch(/^(page|ticket)$/)
  })
})
