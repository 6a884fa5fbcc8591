// The browser build is served by the host that also serves /media, so paths stay same-origin there.
const mediaBase = process.env.TARO_ENV === 'weapp' ? (process.env.MEDIA_BASE ?? '').replace(/\/+$/, '') : ''

/** Resolves a media path from the backend (e.g. /media/products/tea.jpg) to a URL the platform can load. */
export function mediaUrl(path: string): string {
  if (!path || /^(https?:|cloud:|data:|wxfile:)/.test(path)) return path
  return `${mediaBase}${path}`
}
