import path from 'node:path'
import { buildSync } from 'esbuild'
import type { Compiler } from 'webpack'
import { type HtmlTag, htmlPluginHooks } from './html-tags'

const NAME = 'first-screen-in-html'
const ENTRY = path.resolve(__dirname, '../src/first-screen/index.ts')

/** The browsers package.json's browserslist names ("chrome >= 64" -> "chrome64"), as esbuild takes them. */
const BROWSERS = (require('../package.json') as { browserslist: string[] }).browserslist.map((query) => query.replace(/\s*>=\s*/, ''))

/**
 * The browser build's index.html draws home's featured products itself (src/first-screen): the page
 * names none of the app's scripts; a small inline script asks for the products and campaigns, draws
 * them and then starts the scripts in the page's order. Runs after the plugins that name the scripts.
 */
export class FirstScreenInHtml {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      const hooks = htmlPluginHooks(compiler, compilation)
      hooks?.alterAssetTagGroups.tap(NAME, (data) => {
        const isScript = (tag: HtmlTag) => tag.tagName === 'script' && typeof tag.attributes.src === 'string'
        const scripts = [...data.headTags, ...data.bodyTags].filter(isScript).map((tag) => String(tag.attributes.src))
        if (scripts.length === 0) return data
        const inline: HtmlTag = {
          tagName: 'script',
          voidTag: false,
          attributes: {},
          meta: { plugin: NAME },
          innerHTML: firstScreenScript(scripts),
        }
        // Ahead of the stylesheets: an inline script after a stylesheet waits for it to load before it runs.
        data.headTags = [inline, ...data.headTags.filter((t) => !isScript(t))]
        data.bodyTags = data.bodyTags.filter((t) => !isScript(t))
        return data
      })
    })
  }
}

/** src/first-screen bundled into one small function for the page's head, with the app's scripts named in it. */
export function firstScreenScript(appScripts: readonly string[]): string {
  const built = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    minify: true,
    // The page is UTF-8: Chinese text as itself, not as \u escapes twice its size.
    charset: 'utf8',
    target: BROWSERS,
    write: false,
    define: { APP_SCRIPTS: JSON.stringify(appScripts), 'process.env.TARO_ENV': '"h5"' },
  })
  // Inline: nothing in it may close the script element early.
  return built.outputFiles[0].text.replace(/<\/script/gi, '<\\/script').trim()
}
