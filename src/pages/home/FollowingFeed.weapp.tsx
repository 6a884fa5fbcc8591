// The mini program keeps the 关注 feed in the home page's own code (its package is loaded whole).
export { default as FollowingFeed } from './FollowingFeedView'
