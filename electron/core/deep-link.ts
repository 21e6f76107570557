// yardpass:// links (the app's protocol in Electron) as the renderer's address: the same path the web host
// serves, e.g. yardpass://accept-invitation?token=abc → /accept-invitation?token=abc. Unknown links open nothing.
export const appProtocol = 'yardpass'

const knownPaths = new Set(['accept-invitation'])

export function deepLinkPath(link: string): string | null {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return null
  }
  if (url.protocol !== `${appProtocol}:`) return null
  // yardpass://accept-invitation?… puts the path in the host; yardpass:///accept-invitation?… in the pathname.
  const path = `${url.host}${url.pathname}`.replace(/^\/+|\/+$/g, '')
  if (!knownPaths.has(path)) return null
  const token = url.searchParams.get('token')
  return token ? `/${path}?token=${encodeURIComponent(token)}` : `/${path}`
}
