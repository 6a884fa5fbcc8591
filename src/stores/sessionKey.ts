/** The storage key the signed-in session is kept under (read before the app runs by index.html's first screen). */
export const SESSION_KEY = 'siyu-session'
