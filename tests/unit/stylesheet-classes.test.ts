import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** Every file under `dir` whose name ends with one of `endings`. */
function filesUnder(dir: string, endings: readonly string[]): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => endings.some((ending) => file.endsWith(ending)))
    .map((file) => path.join(dir, file))
}

/**
 * The BEM classes a stylesheet styles (`.block`, and `&__element` / `&--modifier` nested in it),
 * each with its line. A rule nested in the wrong block compiles to a class nobody uses.
 */
function styledClasses(scss: string): { name: string; line: number }[] {
  const styled: { name: string; line: number }[] = []
  const blocks: (string | null)[] = []
  scss.split('\n').forEach((text, index) => {
    const line = text.trim()
    if (line.startsWith('//')) return
    if (line.endsWith('{')) {
      const selector = line.slice(0, -1).trim()
      const parent = blocks.at(-1) ?? null
      const block = /^\.([a-z][a-z0-9_-]*)$/.exec(selector)?.[1]
      const nested = parent && /^&(__|--)[a-z0-9_-]+$/.test(selector) ? parent + selector.slice(1) : undefined
      const name = block ?? nested ?? null
      // A pseudo-class or pseudo-element stays within its block; anything else starts an unknown one.
      blocks.push(name ?? (selector.startsWith('&:') ? parent : null))
      if (name && /__|--/.test(name)) styled.push({ name, line: index + 1 })
    }
    if (line.startsWith('}')) blocks.pop()
  })
  return styled
}

describe('stylesheets', () => {
  it('style only classes the components use (a rule nested under the wrong block styles nothing)', () => {
    const code = filesUnder('src', ['.tsx', '.ts'])
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n')
    const used = new Set(code.match(/[a-z][a-z0-9-]*(?:__[a-z0-9-]+)?(?:--[a-z0-9-]+)?/g))
    // A modifier built from a value (`status--${status}`) counts as used.
    const builtModifier = (name: string) => {
      const base = name.slice(0, name.lastIndexOf('--'))
      return name.includes('--') && [`${base}--\${`, `${base}--' +`].some((start) => code.includes(start))
    }
    const unused = filesUnder('src', ['.scss']).flatMap((file) =>
      styledClasses(fs.readFileSync(file, 'utf8'))
        .filter(({ name }) => !used.has(name) && !builtModifier(name))
        .map(({ name, line }) => `${file}:${line} .${name}`),
    )
    expect(unused).toEqual([])
  })
})
