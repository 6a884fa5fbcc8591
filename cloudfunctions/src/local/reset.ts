// `npm run reset`: removes the local shop's database and members' uploads, so the next `npm start`
// seeds a fresh demo shop around the current time. SIYU_DB names the database as for `npm start`.
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_DB, ROOT } from './paths'

const dbPath = path.resolve(process.env.SIYU_DB || DEFAULT_DB)
const removed = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, path.join(path.dirname(dbPath), 'uploads')].filter((file) => {
  if (!fs.existsSync(file)) return false
  fs.rmSync(file, { recursive: true, force: true })
  return true
})
const shown = path.relative(ROOT, dbPath) || dbPath
console.log(
  removed.length > 0
    ? `已清空本地商店（${shown} 与上传的图片）；下次 npm start 会重新创建演示数据。`
    : `没有本地商店数据（${shown}）；npm start 会创建演示数据。`,
)
