import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The parts of bench/RESULTS.md, in the order it shows them. */
export const SECTIONS = [
  'Package size',
  'Mini program setData',
  'H5',
  'SQLite ceiling',
  'Local host throughput',
  'Service throughput',
  'Concurrency correctness',
  'Hot documents (CloudBase emulator)',
  'Batch jobs',
] as const
export type Section = (typeof SECTIONS)[number]

export interface Row {
  metric: string
  value: number
  unit: string
  /** Siyu's own limit for the figure (package sizes, batch jobs' seconds, memory and WAL), shown with ✓ or ✗. */
  budget?: number
  /** What a correct shop answers (0 for an oversell), so a reader sees a wrong count at once. */
  expected?: number
  /** A target the figure must reach (a share of a yardstick measured in the same run). */
  atLeast?: number
  /** A target the figure must stay within (a latency). */
  atMost?: number
  section?: Section
  /**
   * Rows measured together (an action's rate, p50, p99 and failures; a batch job's seconds, memory
   * and checks), shown as one line of a table in bench/RESULTS.md.
   */
  group?: string
  /** How many rows a batch job went over, on its seconds row. */
  over?: number
}

/** The raw better-sqlite3 ceiling measured in the same run, which every throughput is read against. */
export interface SqliteCeiling {
  writeTransactionsPerSecond: number
  readModifyWritePerSecond: number
}

export interface Results {
  generatedAt: string
  machine: { cores: number; cpuModel: string; memoryGiB: number; node: string; platform: string }
  sqliteCeiling?: SqliteCeiling
  rows: Row[]
}

export const RESULTS_JSON = path.join('bench', 'results.json')
export const RESULTS_MD = path.join('bench', 'RESULTS.md')

/** Units of a rate that a store transaction bounds; each is shown as a share of the ceiling. */
const THROUGHPUT_UNITS = new Set(['req/s', 'ops/s', 'flows/s', 'teams/s', 'lines/s'])

/** The row's limit or target beside a ✓ or ✗ for the figure, or '' when it has none. */
function limitOf(r: Row): string {
  if (r.budget !== undefined) return `≤ ${r.budget} ${withinBudget(r)}`
  if (r.expected !== undefined) return `${r.value === r.expected ? '✓' : '✗'} ${r.expected}`
  if (r.atLeast !== undefined) return `${r.value >= r.atLeast ? '✓' : '✗'} ≥ ${r.atLeast}`
  if (r.atMost !== undefined) return `${r.value <= r.atMost ? '✓' : '✗'} ≤ ${r.atMost}`
  return ''
}

/** The row's rate as a percentage of single-transaction writes per second, when it is a rate. */
export function ofCeiling(row: Row, ceiling: SqliteCeiling | undefined): string {
  if (!ceiling || !THROUGHPUT_UNITS.has(row.unit)) return ''
  return `${((row.value / ceiling.writeTransactionsPerSecond) * 100).toFixed(1)}%`
}

export function previousResults(): Results | null {
  return fs.existsSync(RESULTS_JSON) ? (JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')) as Results) : null
}

function machine(): Results['machine'] {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  }
}

/** Prints `measured` as a table, and writes `kept` to bench/results.json and bench/RESULTS.md. */
export function report(measured: Row[], kept: Row[], sqliteCeiling: SqliteCeiling | undefined): void {
  const width = Math.max(...measured.map((r) => r.metric.length))
  console.log(`${'metric'.padEnd(width)}  ${'value'.padStart(12)}  unit     ${'budget/expected'.padEnd(15)}  of SQLite ceiling`)
  for (const r of measured) {
    const limit = limitOf(r)
    console.log(
      `${r.metric.padEnd(width)}  ${String(r.value).padStart(12)}  ${r.unit.padEnd(7)}  ${limit.padEnd(15)}  ${ofCeiling(r, sqliteCeiling)}`,
    )
  }
  const results: Results = { generatedAt: new Date().toISOString(), machine: machine(), sqliteCeiling, rows: kept }
  fs.writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`)
  fs.writeFileSync(RESULTS_MD, markdown(results))
  console.log(`\nwritten to ${RESULTS_JSON} and ${RESULTS_MD}`)
}

/** ✓ when the figure keeps to its budget, else ✗. */
const withinBudget = (r: Row) => (r.budget === undefined || r.value <= r.budget ? '✓' : '✗')
/** The figure with its budget and verdict beside it, for a table cell. */
const againstBudget = (r: Row) => (r.budget === undefined ? String(r.value) : `${r.value} (≤ ${r.budget} ${withinBudget(r)})`)

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|')
const table = (head: string[], lines: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...lines.map((l) => `| ${l.map(cell).join(' | ')} |`)].join('\n')
const KiB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

/** The rows of one group, by what they measure. */
function stats(rows: Row[]) {
  return {
    rate: rows.find((r) => THROUGHPUT_UNITS.has(r.unit)),
    p50: rows.find((r) => r.unit === 'ms' && r.metric.includes('p50')),
    p99: rows.find((r) => r.unit === 'ms' && r.metric.includes('p99')),
    seconds: rows.find((r) => r.unit === 's'),
    peak: rows.find((r) => r.unit === 'MiB'),
  }
}

function groups(rows: Row[]): Map<string, Row[]> {
  const byGroup = new Map<string, Row[]>()
  for (const r of rows) if (r.group) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r])
  return byGroup
}

function plainTable(rows: Row[], ceiling: SqliteCeiling | undefined): string {
  const withCeiling = rows.some((r) => ofCeiling(r, ceiling))
  const withBudgets = rows.some((r) => r.budget !== undefined)
  const withLimits = withBudgets || rows.some((r) => limitOf(r) !== '')
  const head = [
    'metric',
    'value',
    'unit',
    ...(withLimits ? [withBudgets ? 'budget / expected' : 'expected / target'] : []),
    ...(withCeiling ? ['of SQLite ceiling'] : []),
  ]
  return table(
    head,
    rows.map((r) => {
      return [r.metric, r.value, r.unit, ...(withLimits ? [limitOf(r)] : []), ...(withCeiling ? [ofCeiling(r, ceiling)] : [])]
    }),
  )
}

function hostTable(byGroup: Map<string, Row[]>, ceiling: SqliteCeiling | undefined): string {
  return table(
    ['action', 'rate', 'p50 ms', 'p99 ms', 'failures', 'of SQLite ceiling'],
    [...byGroup].map(([action, rows]) => {
      const s = stats(rows)
      const failures = rows.filter((r) => r.unit === 'count').reduce((sum, r) => sum + r.value, 0)
      return [
        action,
        s.rate ? `${s.rate.value} ${s.rate.unit}` : '',
        s.p50?.value ?? '',
        s.p99?.value ?? '',
        failures,
        s.rate ? ofCeiling(s.rate, ceiling) : '',
      ]
    }),
  )
}

function batchTable(byGroup: Map<string, Row[]>, ceiling: SqliteCeiling | undefined): string {
  return table(
    ['job', 'rows', 'seconds', 'peak MiB', 'rate', 'checks'],
    [...byGroup].map(([job, rows]) => {
      const s = stats(rows)
      const checks = rows
        .filter((r) => r !== s.rate && r !== s.seconds && r !== s.peak)
        .map((r) => {
          const name = r.metric.startsWith(job) ? r.metric.slice(job.length).replace(/^ job/, '').trim() : r.metric
          const verdict =
            r.budget !== undefined
              ? ` (≤ ${r.budget} ${withinBudget(r)})`
              : r.expected === undefined
                ? ''
                : r.value === r.expected
                  ? ' ✓'
                  : ` ✗ (expected ${r.expected})`
          return `${name}: ${r.value}${r.unit === 'count' ? '' : ` ${r.unit}`}${verdict}`
        })
      const rate = s.rate ? `${s.rate.value} ${s.rate.unit} (${ofCeiling(s.rate, ceiling)} of ceiling)` : ''
      return [
        job,
        s.seconds?.over ?? '',
        s.seconds ? againstBudget(s.seconds) : '',
        s.peak ? againstBudget(s.peak) : '',
        rate,
        checks.join('; '),
      ]
    }),
  )
}

/**
 * The hot-document simulation: the flash sales side by side, one column per counter count (each
 * measure named without its sale's prefix), then the other groups' rows listed.
 */
function hotTables(byGroup: Map<string, Row[]>, ceiling: SqliteCeiling | undefined): string {
  const sales = [...byGroup].filter(([group]) => group.startsWith('flash sale,'))
  const measure = (r: Row) => r.metric.replace(/^flash sale \([^)]*\): /, '')
  const measures = [...new Set(sales.flatMap(([, rows]) => rows.map(measure)))]
  const cellOf = (rows: Row[], name: string) => {
    const r = rows.find((row) => measure(row) === name)
    return r === undefined ? '' : r.expected === undefined ? r.value : `${r.value} ${r.value === r.expected ? '✓' : '✗'}`
  }
  const side = table(
    ['measure', ...sales.map(([group]) => group.slice('flash sale, '.length)), 'unit', 'expected'],
    measures.map((name) => {
      const any = sales.flatMap(([, rows]) => rows).find((r) => measure(r) === name)
      return [name, ...sales.map(([, rows]) => cellOf(rows, name)), any?.unit ?? '', any?.expected ?? '']
    }),
  )
  const others = [...byGroup].filter(([group]) => !group.startsWith('flash sale,')).flatMap(([, rows]) => rows)
  return others.length > 0 ? `${side}\n\n${plainTable(others, ceiling)}` : side
}

function packageSize(rows: Row[]): string {
  const lines = rows.map(
    (r) =>
      `- ${r.metric}: ${r.unit === 'bytes' ? `${KiB(r.value)} (${r.value} bytes)` : `${r.value} ${r.unit}`}${r.budget !== undefined ? `, budget ${KiB(r.budget)}` : ''}`,
  )
  return lines.join('\n')
}

/** bench/RESULTS.md: the machine, then one part per section; grouped rows as tables, the rest listed. */
function markdown(results: Results): string {
  const m = results.machine
  const out = [
    `<!-- Written by \`npm run bench\` on ${results.generatedAt}; edits are overwritten. -->`,
    '# Siyu benchmark results',
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.platform}.`,
  ]
  if (results.sqliteCeiling) {
    out.push(
      '',
      `Rates are also shown as a share of the raw SQLite ceiling measured in the same run: ${results.sqliteCeiling.writeTransactionsPerSecond} single-row write transactions per second.`,
    )
  }
  const named = new Set<string>(SECTIONS)
  const parts: [string, Row[]][] = [
    ...SECTIONS.map((s): [string, Row[]] => [s, results.rows.filter((r) => r.section === s)]),
    ['Other', results.rows.filter((r) => !r.section || !named.has(r.section))],
  ]
  for (const [section, rows] of parts) {
    if (rows.length === 0) continue
    out.push('', `## ${section}`, '')
    if (section === 'Package size') {
      out.push(packageSize(rows))
      continue
    }
    const byGroup = groups(rows)
    const loose = rows.filter((r) => !r.group)
    if (byGroup.size > 0)
      out.push(
        section === 'Batch jobs'
          ? batchTable(byGroup, results.sqliteCeiling)
          : section === 'Hot documents (CloudBase emulator)'
            ? hotTables(byGroup, results.sqliteCeiling)
            : hostTable(byGroup, results.sqliteCeiling),
      )
    if (byGroup.size > 0 && loose.length > 0) out.push('')
    if (loose.length > 0) out.push(plainTable(loose, results.sqliteCeiling))
  }
  return `${out.join('\n')}\n`
}
