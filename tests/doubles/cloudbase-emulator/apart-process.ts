/** TEST DOUBLE: the body of the emulator's own process (see apart.ts), with the declared collections. */
import type { Answer, Question } from './apart'
import { DECLARED } from './declared'
import { CloudbaseEmulator } from './server'

async function serve(): Promise<void> {
  const emulator = await CloudbaseEmulator.start({ collections: DECLARED })
  const answer = async (question: Question): Promise<unknown> => {
    switch (question.ask) {
      case 'writesTo':
        return [...emulator.writesTo(emulator.environment(question.environment), question.collection)]
      case 'drained':
        return emulator.drained()
      case 'writeLatency':
        emulator.writeLatencyMs = question.ms
        return undefined
    }
  }
  process.on('message', (question: Question) => {
    answer(question).then(
      (value) => process.send?.({ id: question.id, value } satisfies Answer),
      (error: unknown) => process.send?.({ id: question.id, error: String(error) } satisfies Answer),
    )
  })
  // The parent's end is the only reason to live: stop with it.
  process.on('disconnect', () => process.exit(0))
  process.send?.({ url: emulator.url })
}

void serve()
