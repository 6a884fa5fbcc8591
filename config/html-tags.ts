import type { Compilation, Compiler } from 'webpack'

/** A tag of index.html as the HTML plugin hands it to its hooks. */
export interface HtmlTag {
  tagName: string
  voidTag: boolean
  attributes: Record<string, string | boolean>
  meta: Record<string, unknown>
  innerHTML?: string
}

interface HtmlPluginClass {
  getHooks(compilation: Compilation): {
    alterAssetTagGroups: {
      tap(name: string, fn: (data: { headTags: HtmlTag[]; bodyTags: HtmlTag[] }) => unknown): void
    }
  }
}

/** The hooks of the HTML plugin Taro configured (the instance that writes index.html); null when there is none. */
export function htmlPluginHooks(compiler: Compiler, compilation: Compilation): ReturnType<HtmlPluginClass['getHooks']> | null {
  const html = compiler.options.plugins.find((plugin) => plugin?.constructor.name === 'HtmlWebpackPlugin')
  return html ? (html.constructor as unknown as HtmlPluginClass).getHooks(compilation) : null
}
