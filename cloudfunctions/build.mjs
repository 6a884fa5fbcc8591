// Bundles every CloudBase function in src/functions/<name>/index.ts into dist/<name>/ with its
// package.json (wx-server-sdk is installed by CloudBase on upload) and config.json (triggers, openapi).
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(fileURLToPath(import.meta.url))
const sourceDir = path.join(root, 'src', 'functions')
const distDir = path.join(root, 'dist')
const sdkVersion = JSON.parse(fs.readFileSync(path.join(root, '..', 'package.json'), 'utf8')).dependencies['wx-server-sdk']

const names = fs
  .readdirSync(sourceDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(sourceDir, entry.name, 'index.ts')))
  .map((entry) => entry.name)

fs.rmSync(distDir, { recursive: true, force: true })
for (const name of names) {
  const outDir = path.join(distDir, name)
  await build({
    entryPoints: [path.join(sourceDir, name, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    legalComments: 'none',
    logLevel: 'warning',
  })
  fs.writeFileSync(
    path.join(outDir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', private: true, dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2) +
      '\n',
  )
  fs.copyFileSync(path.join(sourceDir, name, 'config.json'), path.join(outDir, 'config.json'))
}
console.log(`built ${names.length} cloud functions into ${path.relative(process.cwd(), distDir) || '.'}: ${names.join(', ')}`)
