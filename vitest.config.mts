import { defineConfig, mergeConfig } from 'vitest/config'
import { uiTestConfig } from './tests/ui/vitest.ui.mts'

export default mergeConfig(
  defineConfig({
    test: {
      include: ['tests/**/*.test.{ts,tsx}'],
      testTimeout: 30_000,
      hookTimeout: 600_000,
      pool: 'forks',
    },
  }),
  uiTestConfig,
)
