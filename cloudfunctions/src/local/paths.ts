import fs from 'node:fs'
import path from 'node:path'

/** The project root: the nearest folder upwards from the working directory with Siyu's package.json. */
function findRoot(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'siyu') return dir
    if (path.dirname(dir) === dir) throw new Error('run this from inside the Siyu project')
  }
}

export const ROOT = findRoot()
export const H5_DIR = path.join(ROOT, 'dist', 'h5')
export const MEDIA_DIR = path.join(ROOT, 'cloudfunctions', 'src', 'local', 'seed', 'media')
export const DEFAULT_DB = path.join(ROOT, '.data', 'siyu.db')
