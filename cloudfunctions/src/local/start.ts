// `npm start`: builds the H5 app when it is missing, opens and seeds the local database, serves the
// shop on 127.0.0.1 and prints its URL. SIYU_DB moves the database, SIYU_PORT the port.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_DB, H5_DIR, ROOT } from './paths'
import { startLocalShop } from './shop'

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SIYU_PORT must be a port number, not "${value}"`)
  return port
}

async function main(): Promise<void> {
  const skipBuild = process.argv.includes('--no-build')
  if (!skipBuild && !fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    console.log('正在构建 H5 应用（首次启动需要一两分钟）…')
    const build = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }
  const dbPath = process.env.SIYU_DB || DEFAULT_DB
  const shop = await startLocalShop({ dbPath, port: parsePort(process.env.SIYU_PORT), appDir: H5_DIR, runJobs: true })
  if (shop.seeded) console.log(`已创建演示商店数据：${path.relative(ROOT, dbPath) || dbPath}`)
  console.log(`Siyu 本地商店已启动: ${shop.url}`)
  const stop = () => {
    shop.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
