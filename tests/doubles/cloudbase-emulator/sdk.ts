/**
 * The real wx-server-sdk pointed at the CloudBase emulator (a test double): one emulator per test
 * process, a fresh, empty environment for every database asked for.
 */
import cloud from 'wx-server-sdk'
import type { CloudDatabase } from '../../../cloudfunctions/src/store/cloudbase/database'
import { DECLARED } from './declared'
import type { Environment } from './engine'
import { CloudbaseEmulator, type EmulatorOptions } from './server'

let running: Promise<CloudbaseEmulator> | undefined
let environments = 0

/** The process's emulator, started on first use (the SDK's `serviceUrl` is process-wide), with the declared collections. */
export function emulator(options: EmulatorOptions = {}): Promise<CloudbaseEmulator> {
  running ??= CloudbaseEmulator.start({ collections: DECLARED, ...options }).then((started) => {
    // The emulator checks no signature; the SDK only needs a key pair to sign with.
    cloud.init({ env: 'siyu-emulated', serviceUrl: started.url, secretId: 'emulator', secretKey: 'emulator' })
    return started
  })
  return running
}

/** A new environment: its database reached through the real SDK, and the emulator's side of it. */
export async function emulatedEnvironment(options?: EmulatorOptions): Promise<{ db: CloudDatabase; environment: Environment }> {
  const started = await emulator(options)
  environments += 1
  const name = `siyu-test-${process.pid}-${environments}`
  return { db: cloud.database({ env: name }) as unknown as CloudDatabase, environment: started.environment(name) }
}

/** A new environment's database, reached through the real SDK. */
export async function emulatedDatabase(options?: EmulatorOptions): Promise<CloudDatabase> {
  return (await emulatedEnvironment(options)).db
}
