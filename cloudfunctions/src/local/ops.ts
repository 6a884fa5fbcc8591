// `npm run ops -- <command>`: operator commands against the local database (SIYU_DB, default
// .data/siyu.db) or, given SIYU_CLOUDBASE_ENV and an API key pair, a CloudBase environment.
import { AppError } from '../app/errors'
import { COMMANDS } from './ops-commands'
import { type OpsTarget, openOpsTarget } from './ops-target'

function help(): void {
  console.log('用法：npm run ops -- <命令> [参数]\n\n命令：')
  for (const command of Object.values(COMMANDS)) console.log(`  ${command.usage.padEnd(44)} ${command.summary}`)
  console.log('\n数据库：默认本地 SQLite（SIYU_DB 环境变量，默认 .data/siyu.db）')
  console.log('生产环境：设置 SIYU_CLOUDBASE_ENV（环境 ID）、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（腾讯云 API 密钥）')
}

/** Runs one command against a target; a refused command says why, in the operator's words, and changes nothing. */
export async function runOps(argv: string[], open: () => OpsTarget): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help()
    return name ? 0 : 2
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!command) {
    console.error(`未知命令：${name}\n`)
    help()
    return 2
  }
  let target: OpsTarget | null = null
  try {
    target = open()
    // On stderr, so an export written to the terminal stays clean CSV.
    console.error(`目标：${target.where}`)
    return await command.run(target.store, args, target)
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`${error.code}: ${error.message}`)
      return 1
    }
    throw error
  } finally {
    await target?.close()
  }
}

if (process.argv[1] && /ops\.ts$/.test(process.argv[1])) {
  runOps(process.argv.slice(2), () => openOpsTarget(process.env)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    },
  )
}
