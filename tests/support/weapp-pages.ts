import fs from 'node:fs'
import path from 'node:path'

/** Where `npm run build:weapp` writes the mini program. */
export const WEAPP_DIR = path.resolve('dist/weapp')

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
}

/** Every page route of the build: the main package's, then each subpackage's. */
export function allPages(dir = WEAPP_DIR): string[] {
  const file = path.join(dir, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:weapp\` first`)
  const app = JSON.parse(fs.readFileSync(file, 'utf8')) as AppJson
  const sub = (app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))
  return [...app.pages, ...sub]
}
