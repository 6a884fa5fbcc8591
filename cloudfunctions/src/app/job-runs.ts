import type { Store } from '../store/port'

/**
 * A timer function's timeout in seconds, the `timeout` of every timer's config.json: CloudBase ends a
 * function there (the most WeChat allows is 60).
 */
export const TIMER_TIMEOUT_S = 60

/** A run starts no new work after this long, leaving the rest of its timeout to the piece in hand. */
export const JOB_BUDGET_MS = (TIMER_TIMEOUT_S - 10) * 1000

/** How much a run of a timer job may still do. Jobs ask before each piece of work: a row, or a slice of rows. */
export interface Budget {
  /** True while the run may start another piece. */
  more(): boolean
  /** The most rows one slice reads, below the job's own size (tests read tiny slices to cross their edges). */
  readonly slice?: number
}

/** No limit: ops commands, seeding and tests that want a job done in one call. */
export const UNBOUNDED: Budget = { more: () => true }

/** A budget of `ms` from now, measured on a monotonic clock (a wall clock may jump). */
export function deadline(ms: number, clock: () => number = () => performance.now()): Budget {
  const until = clock() + ms
  return { more: () => clock() < until }
}

/** Rows per read for a job whose slices hold `rows`, under the budget's own limit. */
export function sliceOf(budget: Budget, rows: number): number {
  return Math.max(1, Math.min(rows, budget.slice ?? rows))
}

/**
 * What every job run answers: whether it finished its work, or stopped for its budget and goes on at
 * its next trigger; and the job's own figures (what it changed in this run).
 */
export interface JobOutcome {
  done: boolean
  [figure: string]: unknown
}

/**
 * A job's saved place in the range it walks (`job_cursors/<job>`): read once at the start of a run and
 * saved by compare-and-set, so when two runs of one job overlap only one moves on and the other stops.
 * A position of null means no pass is under way.
 */
export class JobCursor<T> {
  private constructor(
    private readonly store: Store,
    private readonly job: string,
    private saved: T | null,
    private version: number,
  ) {}

  static async open<T>(store: Store, job: string): Promise<JobCursor<T>> {
    const { position, version } = await store.findJobCursor(job)
    return new JobCursor<T>(store, job, position as T | null, version)
  }

  get position(): T | null {
    return this.saved
  }

  /** The version the cursor's next save compares against. */
  get savedVersion(): number {
    return this.version
  }

  /** The store saved `position` itself, in the transaction of the work it marks, moving the cursor to `version`. */
  savedWith(position: T | null, version: number): void {
    this.saved = position
    this.version = version
  }

  /**
   * Saves where the job got to; false when another run of the job moved the cursor since (this run
   * should stop). The place it already holds is not written again, so a run with nothing to do
   * changes nothing.
   */
  async save(position: T | null): Promise<boolean> {
    if (JSON.stringify(position) === JSON.stringify(this.saved)) return true
    if (!(await this.store.saveJobCursor(this.job, this.version, position))) return false
    this.version += 1
    this.saved = position
    return true
  }
}
