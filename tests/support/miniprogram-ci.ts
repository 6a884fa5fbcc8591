/**
 * WeChat's `miniprogram-ci` run offline over a built package: its code analysis (every page, component,
 * script, template and style it can resolve) and its code-quality check. Both work without WeChat's
 * servers once the project attributes are the package's defaults instead of fetched; the private key
 * is a stand-in that signs nothing, since nothing is uploaded.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as ci from 'miniprogram-ci'

/** A stand-in key: the project requires a key file, and offline analysis never uses it. */
const STAND_IN_KEY = '-----BEGIN RSA PRIVATE KEY-----\nAA==\n-----END RSA PRIVATE KEY-----\n'

interface Dependency {
  request: string
  moduleId: string | null
  type: string
  error?: string
}
interface AnalysedModule {
  id: string
  type: string
  path: string
  deps: Dependency[]
  errors?: unknown[] | null
  buildError?: unknown
}

function offlineProject(root: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-miniprogram-ci-'))
  const privateKeyPath = path.join(dir, 'private.key')
  fs.writeFileSync(privateKeyPath, STAND_IN_KEY)
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: root,
    privateKeyPath,
    ignores: ['node_modules/**/*'],
  })
  // Fetched from WeChat otherwise; the defaults are what an unconfigured appid gets.
  project.attr = async () => ci.DefaultProjectAttr as Awaited<ReturnType<typeof project.attr>>
  return { project, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** What the analysis could not resolve or build, one line each, and the pages it found. */
export async function analysePackage(root: string): Promise<{ problems: string[]; pages: string[]; modules: number }> {
  const { project, dispose } = offlineProject(root)
  try {
    const analysis = (await ci.analyseCode(project, { silent: true })) as unknown as { modules: AnalysedModule[] } | undefined
    if (!analysis) return { problems: ['the analysis answered nothing'], pages: [], modules: 0 }
    const problems: string[] = []
    for (const m of analysis.modules) {
      if (m.buildError) problems.push(`${m.path}: ${String(m.buildError)}`)
      for (const e of m.errors ?? []) problems.push(`${m.path}: ${String(e)}`)
      for (const d of m.deps) if (d.error) problems.push(`${m.path}: ${d.error}`)
      // A page is its script and its template; a style is optional.
      if (m.type === 'Page')
        for (const d of m.deps) if ((d.type === 'Js' || d.type === 'Wxml') && !d.moduleId) problems.push(`${m.path}: no ${d.request}`)
    }
    const pages = analysis.modules.filter((m) => m.type === 'Page').map((m) => m.path.replace(/\.json$/, ''))
    return { problems, pages, modules: analysis.modules.length }
  } finally {
    dispose()
  }
}

/** The code-quality items the package fails, as WeChat's developer tools list them. */
export async function qualityFailures(root: string): Promise<{ failed: { name: string; text: string }[]; checked: number }> {
  const { project, dispose } = offlineProject(root)
  try {
    const items = await ci.checkCodeQuality(project)
    return {
      failed: items.filter((i) => !i.success).map(({ name, text }) => ({ name: String(name), text: text ?? '' })),
      checked: items.length,
    }
  } finally {
    dispose()
  }
}
