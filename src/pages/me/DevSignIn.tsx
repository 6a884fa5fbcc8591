/**
 * The mini program build: members are known by their WeChat identity, so there is no demo sign-in.
 * The browser build uses DevSignIn.h5.tsx instead.
 */
export function DevSignIn() {
  return null
}
