import { Suspense, lazy } from 'react'

// The browser fetches the 关注 feed's code when the tab is first opened, keeping it off the first screen.
const FollowingFeedView = lazy(() => import('./FollowingFeedView'))

export function FollowingFeed(props: { onDiscover: () => void }) {
  return (
    <Suspense>
      <FollowingFeedView {...props} />
    </Suspense>
  )
}
