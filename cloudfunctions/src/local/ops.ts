// `npm run ops -- <command>`: operator commands against the local database (SIYU_DB, default
// .data/siyu.db), through the same services the functions use.
import { reconcilePoints } from '../app/points'
import { SqliteStore } from '../store/sqlite/store'
import { DEFAULT_DB } from './paths'

interface Command {
  usage: string
  summary: string
  run(store: SqliteStore, args: string[]): Promise<number>
}

const COMMANDS: Record<string, Command> = {
  'points:reconcile': {
    usage: 'points:reconcile',
    summary: '核对每位会员：可用积分 = 批次余额之和 = 流水之和；有差异时列出并以状态码 1 退出',
    async run(store) {
      const { members, mismatches } = await reconcilePoints(store)
      console.log(`已核对 ${members} 位会员的积分账户，差异 ${mismatches.length} 处`)
      for (const m of mismatches) console.log(`  ${m.memberId}: 可用 ${m.available}，批次余额 ${m.lotRemainder}，流水合计 ${m.ledgerSum}`)
      return mismatches.length === 0 ? 0 : 1
    },
  },
}

function help(): void {
  console.log('用法：npm run ops -- <命令> [参数]\n\n命令：')
  for (const command of Object.values(COMMANDS)) console.log(`  ${command.usage.padEnd(24)} ${command.summary}`)
  console.log('\n数据库：SIYU_DB 环境变量，默认 .data/siyu.db')
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2)
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
  const store = new SqliteStore(process.env.SIYU_DB || DEFAULT_DB)
  try {
    return await command.run(store, args)
  } finally {
    await store.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
