// Renders every page of the built mini program for one OPENID (argv[2]) in the weapp harness and prints
// the largest setData payload of each page as one `SETDATA {route: bytes}` line. Its own process per
// person: the base library runs a page's code once per process. Run by bench/weapp-setdata.ts.
import { allPages } from '../tests/support/weapp-pages'
import { launchWeapp } from '../tests/weapp/harness'
import { pageQueries } from '../tests/weapp/page-queries'
import { createWxDouble } from '../tests/weapp/wx-double'

async function main(openid: string): Promise<void> {
  const double = await createWxDouble(openid)
  const queries = await pageQueries(double)
  const host = launchWeapp(double.wx)
  const largest: Record<string, number> = {}
  for (const route of allPages()) {
    const page = await host.render(route, queries[route])
    largest[route] = Math.max(0, ...page.payloadBytes)
  }
  await double.close()
  console.log(`SETDATA ${JSON.stringify(largest)}`)
}

main(process.argv[2] ?? 'weapp-visitor').then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
