import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/** NutUI is drawn on a 375 px canvas; the shop's own styles on the usual 750. */
function designWidthOf(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input !== null ? (input.file ?? '') : ''
  return file.replace(/\\/g, '/').includes('@nutui') ? 375 : 750
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
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
        // The first screen's weight has its own budget in bench/; webpack's generic 244 KiB hint is noise.
        chain.performance.hints(false)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
