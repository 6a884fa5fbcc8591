import { openFirstScreen } from './open'

/** The app's scripts in the order the page named them: config/first-screen.ts fills them in when it builds this. */
declare const APP_SCRIPTS: string[]

openFirstScreen(APP_SCRIPTS)
