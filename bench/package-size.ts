import fs from 'node:fs'
import path from 'node:path'

/** WeChat's limits: 2 MB for the main package. Siyu's own budgets are tighter: issue 19 holds the main package to 440 KiB. */
export const WEAPP_MAIN_LIMIT = 2 * 1024 * 1024
export const WEAPP_MAIN_BUDGET = 440 * 1024
export const WEAPP_JS_FILE_BUDGET = 500 * 1024

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

export interface WeappSizes {
  mainBytes: number
  totalBytes: number
  subpackages: Record<string, number>
  largestFile: { file: string; bytes: number }
  largestJs: { file: string; bytes: number }
}

/** Sizes of a built mini program: the main package is everything outside the subpackage roots. */
export function weappSizes(weappDir: string): WeappSizes {
  const app = JSON.parse(fs.readFileSync(path.join(weappDir, 'app.json'), 'utf8'))
  const roots: string[] = (app.subPackages ?? app.subpackages ?? []).map((s: { root: string }) => s.root.replace(/\/?$/, '/'))
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]))
  let mainBytes = 0
  let totalBytes = 0
  let largestFile = { file: '', bytes: 0 }
  let largestJs = { file: '', bytes: 0 }
  for (const file of filesUnder(weappDir)) {
    const relative = path.relative(weappDir, file).split(path.sep).join('/')
    if (relative.endsWith('.map')) continue
    const bytes = fs.statSync(file).size
    totalBytes += bytes
    const root = roots.find((r) => relative.startsWith(r))
    if (root) subpackages[root] += bytes
    else mainBytes += bytes
    if (bytes > largestFile.bytes) largestFile = { file: relative, bytes }
    if (relative.endsWith('.js') && bytes > largestJs.bytes) largestJs = { file: relative, bytes }
  }
  return { mainBytes, totalBytes, subpackages, largestFile, largestJs }
}
