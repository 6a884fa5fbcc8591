import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import webpack from 'webpack'
import devConfig from './dev'
import { FirstScreenInHtml } from './first-screen'
import { HomeChunksInHtml } from './home-chunks'
import prodConfig from './prod'

/** NutUI (and its rules the shop keeps in src/styles/nutui) is drawn on a 375 px canvas; the shop's own styles on the usual 750. */
function designWidthOf(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input !== null ? (input.file ?? '') : ''
  const normalised = file.replace(/\\/g, '/')
  return normalised.includes('@nutui') || normalised.includes('/styles/nutui/') ? 375 : 750
}

/**
 * Both builds take from NutUI only what the shop draws: the icons it uses, each from its own module,
 * instead of the icon library's index; a camelCase-to-kebab-case function instead of lodash.kebabcase
 * (NutUI's theme provider needs nothing more); for the button and the check box, the rules of the
 * variants in use instead of every variant (src/styles/nutui says which; another variant needs its
 * rules added back).
 */
function trimNutui(chain: {
  resolve: { alias: { set(key: string, value: string): unknown } }
  plugin(name: string): { use(plugin: unknown, args: unknown[]): unknown }
  module: { rule(name: string): { test(pattern: RegExp): { set(key: string, value: unknown): unknown } } }
}): void {
  const src = path.resolve(__dirname, '../src')
  // A page takes from the shared components index only the components it draws (their styles still
  // load with them), and so only the NutUI parts those components use.
  chain.module
    .rule('shop-components')
    .test(/[\\/]src[\\/]components[\\/].+\.tsx?$/)
    .set('sideEffects', false)
  chain.resolve.alias.set('@nutui/icons-react-taro$', path.join(src, 'components/Icons/index.ts'))
  chain.resolve.alias.set('lodash.kebabcase$', path.join(src, 'utils/kebabCase.ts'))
  chain.plugin('nutui-trimmed-rules').use(webpack.NormalModuleReplacementPlugin, [
    /nutui-react-taro[\\/]dist[\\/]es[\\/]packages[\\/](button|checkbox)[\\/]style[\\/]style\.css$/,
    (resolved: { createData: { resource?: string } }) => {
      // Called before resolving too, when there is no resource yet.
      const component = resolved.createData.resource?.match(/packages[\\/](\w+)[\\/]style/)?.[1]
      if (component) resolved.createData.resource = path.join(src, `styles/nutui/${component}.css`)
    },
  ])
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'siyu',
    date: '2025-11-24',
    designWidth: designWidthOf,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    // WeChat templates cannot recurse, so the mini program's base.wxml repeats every used component's
    // template per level of depth (~2.7 KB of the main package a level); nodes deeper than this render
    // through Taro's comp component, one more component instance each.
    baseLevel: 12,
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // NutUI draws some parts with HTML tags (div, i); without this plugin the mini program has no
    // template for them and draws those parts as nothing (tests/weapp/ checks every page).
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      // Where media paths such as /media/products/x.jpg are served from in the mini program;
      // in the browser build they are same-origin.
      'process.env.MEDIA_BASE': JSON.stringify(process.env.MEDIA_BASE ?? ''),
      // CloudBase environment id; empty means the mini program's default environment.
      'process.env.CLOUD_ENV': JSON.stringify(process.env.CLOUD_ENV ?? ''),
      // The merchant id 商家转账 pays from, for the payee's confirmation of a commission payout.
      'process.env.WXPAY_MCH_ID': JSON.stringify(process.env.WXPAY_MCH_ID ?? ''),
      // Subscription message template of the group-buy result (empty: the app does not ask).
      'process.env.GROUPBUY_TEMPLATE_ID': JSON.stringify(process.env.GROUPBUY_TEMPLATE_ID ?? ''),
      // Subscription message template of 新评论提醒 (empty: the mini program does not offer it).
      'process.env.COMMENT_TEMPLATE_ID': JSON.stringify(process.env.COMMENT_TEMPLATE_ID ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Off a terminal (CI, `npm start` piping its output) the progress bar becomes start/finish lines.
    logger: { quiet: !process.stdout.isTTY, stats: false },
    mini: {
      // Modules used only inside a subpackage are moved there, keeping the main package small.
      optimizeMainPackage: { enable: true },
      // Package sizes have their own budgets (tests and bench); webpack's generic web hints do not apply.
      webpackChain(chain) {
        chain.performance.hints(false)
        trimNutui(chain)
      },
      // NutUI component styles are imported per component, so their order across pages may differ harmlessly.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro splits only the entry chunk by default, so every lazily loaded page would carry its own
        // copy of the shared UI (Taro components, NutUI, our components); share them across pages instead.
        chain.optimization.splitChunks({
          ...chain.optimization.get('splitChunks'),
          chunks: 'all',
          // Past webpack's default of 30 requests per load, shared chunks of different pages are merged,
          // and the home page would fetch modules only other pages use.
          maxAsyncRequests: 100,
          maxInitialRequests: 100,
          // Modules shared in groups under 8 KB stay in each page's own chunk: the home page fetched 20
          // chunks, most under 2 KB, each one more request and script to run before its first card.
          minSize: 8000,
        })
        // The first screen's weight has its own budget in bench/; webpack's generic 244 KiB hint is noise.
        chain.performance.hints(false)
        trimNutui(chain)
        // Licence comments stay in each chunk's .LICENSE.txt; the line pointing there is not fetched with every chunk.
        if ((chain.optimization as unknown as { minimizers: { has: (name: string) => boolean } }).minimizers.has('terserPlugin'))
          chain.optimization.minimizer('terserPlugin').tap(([options]) => [{ ...options, extractComments: { banner: false } }])
        // The shop opens on home: its chunks download with the app's scripts instead of after them.
        chain.plugin('home-chunks-in-html').use(HomeChunksInHtml, ['pages/home/index'])
        // Home's featured products are drawn by index.html itself, before the app's code has run.
        chain.plugin('first-screen-in-html').after('home-chunks-in-html').use(FirstScreenInHtml)
        // NutUI's carousel takes its Swiper from a module of its own, so the swiper library stays in the
        // chunks of the pages that draw a carousel (src/components/Carousel/swiper.h5.ts says why).
        chain.plugin('carousel-own-chunk').use(webpack.NormalModuleReplacementPlugin, [
          /^@tarojs\/components$/,
          (request: { request: string; contextInfo: { issuer: string } }) => {
            if (/nutui-react-taro[\\/]dist[\\/]es[\\/]packages[\\/]swiper[\\/]/.test(request.contextInfo.issuer)) {
              request.request = path.resolve(__dirname, '../src/components/Carousel/swiper.h5.ts')
            }
          },
        ])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
