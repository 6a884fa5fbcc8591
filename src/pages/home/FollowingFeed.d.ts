/** 关注 on the home page: FollowingFeed.weapp.tsx in the mini program, FollowingFeed.h5.tsx (loaded on demand) in the browser. */
export declare function FollowingFeed(props: { onDiscover: () => void }): JSX.Element
