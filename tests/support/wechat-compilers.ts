/**
 * WeChat's own WXML and WXSS compilers (wcc, wcsc: Linux binaries shipped in `miniprogram-compiler`),
 * run over a built mini program the way the developer tools do: every WXML file with the WXS modules
 * in one wcc call, every WXSS file in one wcsc call with the files they import on the same line.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const binaries = path.join(path.dirname(createRequire(import.meta.url).resolve('miniprogram-compiler/package.json')), 'bin', 'linux')

/** What one compiler made of a package: the files it was given, and its complaint when it refused them. */
export interface Compiled {
  files: string[]
  error: string | null
  outputBytes: number
}

function filesOf(root: string, extension: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith(extension) && !file.split(path.sep).includes('node_modules'))
    .map((file) => file.split(path.sep).join('/'))
    .sort()
}

function run(binary: string, args: string[], cwd: string, files: string[]): Compiled {
  const executable = path.join(binaries, binary)
  fs.chmodSync(executable, 0o755)
  const result = spawnSync(executable, args, { cwd, maxBuffer: 256 * 1024 * 1024 })
  if (result.error) throw result.error
  const stderr = result.stderr.toString().trim()
  return {
    files,
    error: result.status === 0 ? null : stderr || `${binary} exited with ${result.status}`,
    outputBytes: result.stdout.length,
  }
}

/**
 * Every WXML file under `root`, compiled in one wcc call (`-d -cc`), with the components each page
 * or component declares in its JSON, as the developer tools pass them.
 */
export function compileWxml(root: string): Compiled {
  const files = filesOf(root, '.wxml')
  const components: string[] = []
  let declaring = 0
  for (const file of files) {
    const json = path.join(root, file.replace(/\.wxml$/, '.json'))
    const names = Object.keys(fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, 'utf8')).usingComponents ?? {}) : {})
    if (names.length === 0) continue
    declaring += 1
    components.push(file, String(names.length), ...names)
  }
  const declared = [String(declaring), ...components].join(' ')
  return run('wcc', ['-d', '-cc', declared, ...files, ...filesOf(root, '.wxs'), '-gn', '$gwx'], root, files)
}

/** Every WXSS file under `root` in one wcsc call (`-db -pc N`): the N page and component styles first, then the rest. */
export function compileWxss(root: string): Compiled {
  const files = filesOf(root, '.wxss')
  const styled = (file: string) => fs.existsSync(path.join(root, file.replace(/\.wxss$/, '.json')))
  const pages = files.filter(styled)
  const imported = files.filter((file) => !styled(file))
  return run('wcsc', ['-db', '-pc', String(pages.length), ...pages, ...imported], root, files)
}
