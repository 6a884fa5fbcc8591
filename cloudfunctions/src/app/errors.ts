import type { ErrorCode } from '../../../types/errors'

/** A failure the caller should see: a typed code and a clear message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}
