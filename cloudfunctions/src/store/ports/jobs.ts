/** A timer job's saved place in the range it walks, with the version its next save compares against. */
export interface SavedJobCursor {
  /** What the job saved (a JSON value), or null: no pass under way. */
  position: unknown
  /** 0 when the job never saved one. */
  version: number
}

/** Where timer jobs that walk a range got to, so a run cut short by its time budget is continued by the next. */
export interface JobCursorStore {
  findJobCursor(job: string): Promise<SavedJobCursor>
  /**
   * Saves the job's position when its cursor is still at `expectedVersion` (compare-and-set), so two
   * overlapping runs of one job cannot both move it; false when another run moved it first.
   */
  saveJobCursor(job: string, expectedVersion: number, position: unknown): Promise<boolean>
  /**
   * True when the store applies a batch job's slice in one transaction (SQLite); false when it applies
   * one member, team or distributor at a time (CloudBase, each a round trip), so a job checks its
   * budget between them and reads smaller slices.
   */
  appliesSliceAtOnce(): boolean
}
