// The ROI report as a PDF (pdfkit): the headline figures, charts of booth leads by intent, investment against
// attributed conversion value and each SLA's actual against its target, then the deliverables' proven metrics.
import PDFDocument from 'pdfkit'
import type { RoiReport } from '../../shared/commerce/fulfillment-records'
import { formatMoney } from '../../shared/commerce/commerce-records'

interface Bar {
  label: string
  value: number
  color: string
}

/** A horizontal bar chart with its title, scaled to its largest bar; returns the y below it. */
function barChart(
  doc: PDFKit.PDFDocument,
  title: string,
  bars: Bar[],
  y: number,
  format: (n: number) => string,
): number {
  const left = 50
  const labelWidth = 130
  const width = 330
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#111').text(title, left, y)
  y += 20
  const max = Math.max(1, ...bars.map((b) => b.value))
  for (const bar of bars) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#333')
      .text(bar.label, left, y + 2, { width: labelWidth - 8, ellipsis: true, lineBreak: false })
    const length = Math.max(1, (bar.value / max) * width)
    doc.rect(left + labelWidth, y, length, 14).fill(bar.color)
    doc.fillColor('#111').text(format(bar.value), left + labelWidth + length + 6, y + 2, { lineBreak: false })
    y += 22
  }
  return y + 12
}

export function roiPdf(r: RoiReport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 50,
      info: { Title: `ROI report — ${r.event_title}`, Author: 'Yardpass' },
    })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    const money = (cents: number) => formatMoney(cents, r.currency)
    const count = (n: number) => n.toLocaleString('en-US')

    doc.font('Helvetica-Bold').fontSize(20).fillColor('#111').text('Sponsorship ROI report')
    doc
      .font('Helvetica')
      .fontSize(11)
      .fillColor('#444')
      .text(`${r.sponsor_name} at ${r.event_title}`)
      .text(`Period ${r.period.from} to ${r.period.to}${r.utm_source ? ` · source ${r.utm_source}` : ''}`)
      .text(`Order ${r.order_id} · generated ${r.generated_at}`)
    doc.moveDown()
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#111').text('Headline figures')
    doc.font('Helvetica').fontSize(11).fillColor('#222')
    const lines = [
      `Investment: ${money(r.investment_cents)}`,
      `Impressions: ${count(r.performance.impressions)}`,
      `Attributed conversions: ${count(r.performance.conversions)} worth ${money(r.performance.conversion_value_cents)} (return ${r.performance.roi_multiplier}x)`,
      `Booth leads: ${count(r.booth_leads.total)} (hot ${count(r.booth_leads.hot)}, warm ${count(r.booth_leads.warm)}, cold ${count(r.booth_leads.cold)})`,
      `Cost per lead: ${r.cost_per_lead_cents === null ? 'no leads yet' : money(r.cost_per_lead_cents)} · per hot lead: ${r.cost_per_hot_lead_cents === null ? 'no hot leads yet' : money(r.cost_per_hot_lead_cents)}`,
    ]
    for (const line of lines) doc.text(line)
    let y = doc.y + 20
    y = barChart(
      doc,
      'Booth leads by intent',
      [
        { label: 'Hot', value: r.booth_leads.hot, color: '#d9480f' },
        { label: 'Warm', value: r.booth_leads.warm, color: '#f08c00' },
        { label: 'Cold', value: r.booth_leads.cold, color: '#1c7ed6' },
      ],
      y,
      count,
    )
    y = barChart(
      doc,
      'Investment and return',
      [
        { label: 'Investment', value: r.investment_cents, color: '#495057' },
        { label: 'Conversion value', value: r.performance.conversion_value_cents, color: '#2f9e44' },
      ],
      y,
      money,
    )
    if (r.booth_leads.by_representative.length) {
      y = barChart(
        doc,
        'Leads by representative',
        r.booth_leads.by_representative
          .slice(0, 10)
          .map((rep) => ({ label: rep.name, value: rep.total, color: '#7048e8' })),
        y,
        count,
      )
    }
    if (r.sla_outcomes.length) {
      y = barChart(
        doc,
        'SLAs: actual as a share of target',
        r.sla_outcomes.map((s) => ({
          label: `${s.metric.replace('_', ' ')} (${s.status})`,
          value: Math.round((s.actual / s.target) * 100),
          color: s.status === 'breached' ? '#e03131' : '#2f9e44',
        })),
        y,
        (n) => `${n}%`,
      )
    }
    doc.y = y
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#111').text('Deliverables', 50)
    doc.font('Helvetica').fontSize(10).fillColor('#222')
    for (const d of r.deliverables) {
      const metrics = Object.entries(d.actual_metrics)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')
      doc.text(`${d.type.replace(/_/g, ' ')}: ${metrics || 'no proof yet'}`)
    }
    doc.end()
  })
}
