// Lead review queries over the replica: one sponsor's leads, filtered, sorted, searched and paged in SQLite
// (the indexes and the leads_search FTS5 table of migration 0003), so a show's 100,000 leads never load at once.
import type { LeadPageArgs, LeadSummary, ReplicaLead } from '../../../shared/desktop-api'
import type { Replica } from './replica'
import { explainInWords } from '../../../shared/vocabulary'

/** The lead's interactions from its stored JSON (pulled rows carry them; the server's text explanation is not stored). */
function parseInteractions(json: string | null): { type: string; points: number }[] {
  if (!json) return []
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed)
      ? parsed.filter(
          (i): i is { type: string; points: number } => typeof i?.type === 'string' && typeof i?.points === 'number',
        )
      : []
  } catch {
    return []
  }
}

interface SummaryRow {
  id: string
  name: string | null
  email: string | null
  title: string | null
  company: string | null
  badge_code: string | null
  intent_level: string | null
  intent_score: number
  interactions: string | null
  representative: string | null
  is_starred: number
  is_archived: number
  follow_up_status: string | null
  last_captured_at: string | null
  note_count: number
}

const summaryColumns = `leads.id, leads.name, leads.email, json_extract(leads.row_json, '$.title') AS title, leads.company, leads.badge_code,
  leads.intent_level, leads.intent_score, json_extract(leads.row_json, '$.interactions') AS interactions,
  json_extract(leads.row_json, '$.captured_by_name') AS representative, leads.is_starred,
  leads.is_archived, leads.follow_up_status, leads.last_captured_at,
  coalesce(json_array_length(leads.row_json, '$.note_entries'), CASE WHEN coalesce(leads.notes, '') = '' THEN 0 ELSE 1 END) AS note_count`

// Each sort ends on id, as its index does: SQLite reads pages off the index (backwards for descending) with no sort step.
const orderBy: Record<LeadPageArgs['sort'], string> = {
  recent: 'leads.last_captured_at DESC, leads.id DESC',
  score: 'leads.intent_score DESC, leads.last_captured_at DESC, leads.id DESC',
  name: 'leads.name COLLATE NOCASE ASC, leads.id ASC',
}

// The trigram index holds 3-character runs; a shorter word is looked for in the text (leads_review_text's entries).
const TRIGRAM = 3
// Up to this many matches, the page is read from the matches and sorted; beyond, off the sort's index in order.
const FEW_MATCHES = 2000
// Beyond this many trigram hits (all sponsors, all views), the text index's entries are the cheaper way to count.
const COMMON_MATCHES = 20_000
const KEPT_TOTALS = 32

export interface SearchCondition {
  /** An FTS5 query over leads_search, or null when every word is too short for the trigram index. */
  match: string | null
  /** The words the FTS query holds, and the shorter ones; every word must occur in the lead's searched text. */
  long: string[]
  short: string[]
}

/** The user's text as a search: each word must occur somewhere, as a substring, case-insensitively. Each word is
 *  quoted for FTS5 (a short word is compared literally by instr), so no query syntax the user types is interpreted. */
export function searchCondition(q: string): SearchCondition | null {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return null
  const long = words.filter((word) => [...word].length >= TRIGRAM)
  return {
    match: long.length > 0 ? long.map((word) => `"${word.replaceAll('"', '""')}"`).join(' AND ') : null,
    long,
    short: words.filter((word) => [...word].length < TRIGRAM),
  }
}

const toSummary = (row: SummaryRow): LeadSummary => ({
  id: row.id,
  name: row.name ?? '',
  email: row.email,
  title: row.title,
  company: row.company,
  badgeCode: row.badge_code,
  intentLevel: row.intent_level ?? 'cold',
  intentScore: row.intent_score,
  scoreExplanation: explainInWords(parseInteractions(row.interactions), row.intent_score),
  representative: row.representative,
  isStarred: row.is_starred === 1,
  isArchived: row.is_archived === 1,
  followUpStatus: row.follow_up_status ?? 'new',
  lastCapturedAt: row.last_captured_at ?? '',
  noteCount: row.note_count,
})

export class LeadReviewStore {
  // Recent queries' totals while the replica is unchanged: a scroll's pages, a cleared search or a backspace skip the count.
  private readonly totals = new Map<string, number>()

  constructor(private readonly db: Replica) {}

  /** Changes when this connection or another one writes to the replica. */
  private replicaVersion(): string {
    const { changes } = this.db.prepare('SELECT total_changes() AS changes').get() as { changes: number }
    return `${String(this.db.pragma('data_version', { simple: true }))}:${changes}`
  }

  /** One page of a sponsor's leads and how many match in all (null when not asked for and not free); never another sponsor's. */
  page(query: LeadPageArgs): { rows: LeadSummary[]; total: number | null } {
    const isTotalWanted = query.withTotal !== false
    // The same filters hold on leads and on leads_review_filters.
    const filters = ['sponsor_id = ?']
    const params: (string | number)[] = [query.sponsorId]
    if (query.archived !== 'all') {
      filters.push('is_archived = ?')
      params.push(query.archived === 'archived' ? 1 : 0)
    }
    if (query.intentLevel) {
      filters.push('intent_level = ?')
      params.push(query.intentLevel)
    }
    if (query.starred) filters.push('is_starred = 1')
    const on = (table: string) => filters.map((filter) => `${table}.${filter}`).join(' AND ')
    const search = query.q ? searchCondition(query.q) : null
    const page = `ORDER BY ${orderBy[query.sort]} LIMIT ? OFFSET ?`
    const countKey = JSON.stringify([query.sponsorId, query.archived, query.intentLevel, query.starred, query.q])
    const count = (sql: string, args: (string | number)[]): number | null => {
      const key = `${countKey}|${this.replicaVersion()}`
      const known = this.totals.get(key)
      if (known !== undefined) return known
      if (!isTotalWanted) return null
      const { total } = this.db.prepare(`SELECT count(*) AS total FROM (${sql})`).get(...args) as { total: number }
      if (this.totals.size >= KEPT_TOTALS) this.totals.delete(this.totals.keys().next().value!)
      this.totals.set(key, total)
      return total
    }
    const rows = (condition: string, args: (string | number)[]) =>
      (
        this.db
          .prepare(`SELECT ${summaryColumns} FROM leads WHERE ${condition} ${page}`)
          .all(...args, query.limit, query.offset) as SummaryRow[]
      ).map(toSummary)

    return this.db.transaction(() => {
      if (!search)
        return { rows: rows(on('leads'), params), total: count(`SELECT 1 FROM leads WHERE ${on('leads')}`, params) }
      // The matching rowids: from the trigram index when every word is long enough and not too common, else from
      // the text index's entries (for a very common word, reading those is cheaper than each match's filters).
      const isTrigram =
        search.match !== null && search.short.length === 0 && this.rawMatches(search.match) <= COMMON_MATCHES
      const words = [...search.long, ...search.short]
      const matches = isTrigram
        ? {
            sql: `SELECT f.rowid FROM leads_search CROSS JOIN leads_review_filters AS f ON f.rowid = leads_search.rowid WHERE leads_search MATCH ? AND ${on('f')}`,
            args: [search.match!, ...params],
          }
        : {
            sql: `SELECT rowid FROM leads INDEXED BY leads_review_text WHERE ${[on('leads'), ...words.map(() => 'instr(search_text, ?) > 0')].join(' AND ')}`,
            args: [...params, ...words],
          }
      if (!isTrigram || !isTotalWanted) {
        // One pass over the matches that stops past FEW_MATCHES: when it does not, it holds every match.
        const few = this.db
          .prepare(`${matches.sql} LIMIT ${FEW_MATCHES + 1}`)
          .pluck()
          .all(...matches.args) as number[]
        if (few.length <= FEW_MATCHES) {
          return {
            rows: rows('leads.rowid IN (SELECT value FROM json_each(?))', [JSON.stringify(few)]),
            total: few.length,
          }
        }
      }
      const total = count(matches.sql, matches.args)
      // Few: read those rows and sort them.
      if (total !== null && total <= FEW_MATCHES)
        return { rows: rows(`leads.rowid IN (${matches.sql})`, matches.args), total }
      // Many: walk the sort's index in order and stop at the page. Trigram matches are a set to probe (the unary +
      // keeps SQLite from turning it into rowid lookups that would each read a row to sort it); otherwise the words
      // are common (one or two characters, or a very frequent run) and testing each row's text finds a page soon.
      return isTrigram
        ? { rows: rows(`${on('leads')} AND +leads.rowid IN (${matches.sql})`, [...params, ...matches.args]), total }
        : {
            rows: rows([on('leads'), ...words.map(() => 'instr(leads.search_text, ?) > 0')].join(' AND '), [
              ...params,
              ...words,
            ]),
            total,
          }
    })()
  }

  private rawMatches(match: string): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM leads_search WHERE leads_search MATCH ?').get(match) as { n: number }
    ).n
  }

  /** Which of these leads the replica holds for the sponsor. */
  held(sponsorId: string, leadIds: readonly string[]): Set<string> {
    if (leadIds.length === 0) return new Set()
    const rows = this.db
      .prepare(`SELECT id FROM leads WHERE sponsor_id = ? AND id IN (${leadIds.map(() => '?').join(', ')})`)
      .all(sponsorId, ...leadIds) as { id: string }[]
    return new Set(rows.map((row) => row.id))
  }

  /** The whole lead row as pulled (notes, history, interactions), if it is this sponsor's. */
  detail(sponsorId: string, leadId: string): ReplicaLead | null {
    const row = this.db.prepare('SELECT row_json FROM leads WHERE id = ? AND sponsor_id = ?').get(leadId, sponsorId) as
      { row_json: string } | undefined
    return row ? (JSON.parse(row.row_json) as ReplicaLead) : null
  }
}
