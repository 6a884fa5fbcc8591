import type { Compilation, Compiler } from 'webpack'
import { type HtmlTag, htmlPluginHooks } from './html-tags'

const NAME = 'home-chunks-in-html'

/**
 * The browser build's index.html names the home page's chunks itself, ahead of the app's scripts.
 * Taro's router asks for a page's chunks only once the app's code has run, so home's would otherwise
 * be fetched after it, one request per chunk; named in the page they download alongside the app's
 * (they only register their modules, which run when the router loads the page, as before).
 */
export class HomeChunksInHtml {
  constructor(private readonly page: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      htmlPluginHooks(compiler, compilation)?.alterAssetTagGroups.tap(NAME, (data) => {
        const publicPath = String(compilation.outputOptions.publicPath ?? '/')
        const files = this.pageFiles(compilation)
        const tag = (tagName: string, attributes: Record<string, string | boolean>): HtmlTag => ({
          tagName,
          voidTag: tagName === 'link',
          attributes,
          meta: { plugin: NAME },
        })
        const styles = files
          .filter((file) => file.endsWith('.css'))
          .map((file) => tag('link', { href: publicPath + file, rel: 'stylesheet' }))
        const scripts = files.filter((file) => file.endsWith('.js')).map((file) => tag('script', { defer: true, src: publicPath + file }))
        // Scripts before the app's, so they have registered by the time the router asks; styles after
        // the app's, in the order the page's chunks would have added them.
        data.headTags.unshift(...scripts)
        data.headTags.push(...styles)
        return data
      })
    })
  }

  /** The files of the chunks a dynamic import of the page loads. */
  private pageFiles(compilation: Compilation): string[] {
    for (const group of compilation.chunkGroups) {
      if (!group.origins.some((origin) => origin.request?.replace(/\\/g, '/').endsWith(this.page))) continue
      return group.chunks.flatMap((chunk) => [...chunk.files])
    }
    throw new Error(`${NAME}: no chunks load ${this.page}`)
  }
}
