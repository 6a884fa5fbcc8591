/**
 * What the UI tests need on top of the root vitest config: render Taro components as their web
 * (H5) versions inside jsdom, pick the `.h5` variant of platform files the way the H5 build does,
 * and import NutUI per component the way babel.config.js does for the builds.
 */
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vitest/config'

const NUTUI_NAMED_IMPORT = /import\s*\{([^}]+)\}\s*from\s*['"]@nutui\/nutui-react-taro['"]/g

/** `import { Button, Empty } from '@nutui/nutui-react-taro'` -> one default import per component module. */
function nutuiOnDemand(): Plugin {
  return {
    name: 'siyu-nutui-on-demand',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('@nutui/nutui-react-taro')) return null
      return code.replace(NUTUI_NAMED_IMPORT, (_, names: string) =>
        names
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
          .map((name) => `import ${name} from '@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}'`)
          .join('\n'),
      )
    },
  }
}

export const uiTestConfig = {
  plugins: [nutuiOnDemand()],
  resolve: {
    alias: [
      { find: /^@tarojs\/components$/, replacement: fileURLToPath(new URL('./taro-components.tsx', import.meta.url)) },
      { find: /^@tarojs\/taro$/, replacement: fileURLToPath(new URL('./taro-h5-runtime.ts', import.meta.url)) },
    ],
    extensions: ['.h5.ts', '.h5.tsx', '.mjs', '.js', '.mts', '.ts', '.jsx', '.tsx', '.json'],
  },
  // What the H5 build's DefinePlugin provides to Taro's own modules.
  define: { DEPRECATED_ADAPTER_COMPONENT: 'false' },
  test: {
    env: { TARO_ENV: 'h5', TARO_PLATFORM: 'web', FRAMEWORK: 'react', SUPPORT_TARO_POLYFILL: 'disabled' },
    setupFiles: [fileURLToPath(new URL('./setup.ts', import.meta.url))],
    // Taro and NutUI ship ESM that imports '@tarojs/components'; inlining lets the aliases apply to them.
    server: { deps: { inline: [/@tarojs\//, /@nutui\//] } },
  },
}
