// The H5 first-card bench as a process of its own, printing its rows as JSON on its last line.
// Playwright runs its calls in an AsyncLocalStorage, which leaves async hooks on for the rest of
// any process it runs in: every promise after it costs twice as much (300 000 async calls took
// 76 ms instead of 34), which would slow every in-process figure measured after it.
import { h5FirstCardBench } from './h5-first-card'

h5FirstCardBench().then(
  (rows) => process.stdout.write(`\n${JSON.stringify(rows)}\n`),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
