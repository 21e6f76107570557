// An order's return on investment, for either side: what was paid, the reach and conversions its proofs and
// conversions report, the booth's leads (by intent and by representative) with the cost of each, the service
// levels' outcomes — each chart also given in words — and the same report as a PDF or a CSV to save.
import { useState } from 'react'
import { BarChart } from '@mantine/charts'
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { RoiReport } from '../../../../shared/commerce/fulfillment-records'
import { intentLevelTerms, labelOf, slaMetricTerms, slaStatusTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { formatMoney } from '../../ui/format'
import { notifyDone, notifyError } from '../../ui/notify'
import { ErrorState, LoadingState } from '../../ui/states'
import { deliverableTitle } from './deliverable-words'

const noFocus = { accessibilityLayer: false }
const levels = ['hot', 'warm', 'cold'] as const

export function RoiReportView({ orderId }: { orderId: string }) {
  const report = useCommand('roi-report', { orderId })
  const [exporting, setExporting] = useState<'pdf' | 'csv' | null>(null)
  if (report.error) return <ErrorState message={report.error} onRetry={() => void report.reload()} />
  if (!report.data) return <LoadingState label="Putting the ROI report together…" />
  const r = report.data

  async function exportAs(format: 'pdf' | 'csv') {
    setExporting(format)
    try {
      const file = await desktop.invoke('roi-export', { orderId, format })
      const saved = await desktop.saveFile(
        {
          suggestedName: file.fileName,
          content: file.content,
          encoding: file.encoding,
          filters: [{ name: format.toUpperCase(), extensions: [format] }],
        },
        file.mime,
      )
      if (saved.saved) notifyDone(`Saved the ROI report to ${saved.path}.`)
    } catch (failure) {
      notifyError(errorText(failure))
    } finally {
      setExporting(null)
    }
  }

  return (
    <Stack gap="sm" role="region" aria-label="Return on investment">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>Return on investment</Title>
          <Text size="xs" c="dimmed">
            {new Date(r.period.from).toLocaleDateString()} – {new Date(r.period.to).toLocaleDateString()}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            loading={exporting === 'pdf'}
            onClick={() => void exportAs('pdf')}
          >
            Export PDF
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            loading={exporting === 'csv'}
            onClick={() => void exportAs('csv')}
          >
            Export CSV
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={2} spacing="xs" role="group" aria-label="Figures">
        {figures(r).map((figure) => (
          <Paper key={figure.label} withBorder radius="sm" p={6} component="dl" m={0}>
            <Text component="dt" size="xs" c="dimmed">
              {figure.label}
            </Text>
            <Text component="dd" m={0} fw={600}>
              {figure.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <LeadCharts report={r} />
      {r.deliverables.length > 0 && (
        <Text size="sm">
          Delivered:{' '}
          {r.deliverables
            .map((d) => {
              const shown = Object.entries(d.actual_metrics).filter(([, v]) => typeof v === 'number')
              return `${deliverableTitle(d)}${shown.length ? ` (${shown.map(([k, v]) => `${labelOf(slaMetricTerms, k === 'impressions' ? 'impressions_total' : k)} ${(v as number).toLocaleString()}`).join(', ')})` : ''}`
            })
            .join('; ')}
        </Text>
      )}
      {r.sla_outcomes.length > 0 && (
        <Text size="sm">
          Service levels:{' '}
          {r.sla_outcomes
            .map(
              (s) =>
                `${labelOf(slaMetricTerms, s.metric)} ${s.actual.toLocaleString()} of ${s.target.toLocaleString()} — ${labelOf(slaStatusTerms, s.status).toLowerCase()}${s.remedy_cents ? `, ${formatMoney(s.remedy_cents, r.currency)} refunded` : ''}`,
            )
            .join('; ')}
        </Text>
      )}
    </Stack>
  )
}

function figures(r: RoiReport) {
  const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents, r.currency))
  return [
    { label: 'Invested', value: money(r.investment_cents) },
    { label: 'Impressions', value: r.performance.impressions.toLocaleString() },
    { label: 'Conversions', value: r.performance.conversions.toLocaleString() },
    { label: 'Conversion value', value: money(r.performance.conversion_value_cents) },
    { label: 'Return (value ÷ invested)', value: `${r.performance.roi_multiplier.toFixed(2)}×` },
    {
      label: 'Booth leads',
      value: `${r.booth_leads.total.toLocaleString()} (${r.booth_leads.hot} hot, ${r.booth_leads.warm} warm, ${r.booth_leads.cold} cold)`,
    },
    { label: 'Cost per lead', value: money(r.cost_per_lead_cents) },
    { label: 'Cost per hot lead', value: money(r.cost_per_hot_lead_cents) },
  ]
}

function LeadCharts({ report: r }: { report: RoiReport }) {
  if (r.booth_leads.total === 0)
    return (
      <Text size="sm" c="dimmed">
        No booth leads in this period.
      </Text>
    )
  const reps = r.booth_leads.by_representative
  return (
    <Stack gap="xs">
      <figure style={{ margin: 0 }}>
        <BarChart
          h={140}
          barChartProps={noFocus}
          data={[{ label: 'Leads', ...Object.fromEntries(levels.map((l) => [l, r.booth_leads[l]])) }]}
          dataKey="label"
          orientation="vertical"
          type="stacked"
          withLegend
          series={levels.map((level) => ({
            name: level,
            label: intentLevelTerms[level].label,
            color: level === 'hot' ? 'red.6' : level === 'warm' ? 'orange.5' : 'blue.5',
          }))}
        />
        <Text component="figcaption" size="xs">
          Leads by intent: {levels.map((l) => `${intentLevelTerms[l].label} ${r.booth_leads[l]}`).join(', ')}.
        </Text>
      </figure>
      {reps.length > 0 && (
        <figure style={{ margin: 0 }}>
          <BarChart
            h={Math.max(100, 32 * reps.length)}
            barChartProps={noFocus}
            data={reps.map((rep) => ({ name: rep.name, hot: rep.hot, warm: rep.warm, cold: rep.cold }))}
            dataKey="name"
            orientation="vertical"
            type="stacked"
            series={levels.map((level) => ({
              name: level,
              label: intentLevelTerms[level].label,
              color: level === 'hot' ? 'red.6' : level === 'warm' ? 'orange.5' : 'blue.5',
            }))}
          />
          <Text component="figcaption" size="xs">
            Leads by representative: {reps.map((rep) => `${rep.name} ${rep.total}`).join(', ')}.
          </Text>
        </figure>
      )}
    </Stack>
  )
}
