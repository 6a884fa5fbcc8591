import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../cloudfunctions/src/store/sqlite/migrations'

/** A database (a file, or ':memory:') as a shop at schema `version` had it: the migrations up to it applied and recorded. */
export function databaseAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file)
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(m.sql)
    m.backfill?.(db)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name)
  }
  return db
}
