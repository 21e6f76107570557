// What the app window may do, as pure decisions (tested without Electron): it opens no windows of its
// own (https links go to the system browser) and never navigates away from the page it loaded.

/** A window.open or target=_blank: always denied; an https address is handed to the system browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isHttps(url) }
}

/** A navigation of the app window is allowed only to the address it already shows (a reload). */
export function allowsNavigation(currentUrl: string, targetUrl: string): boolean {
  return targetUrl === currentUrl
}

function isHttps(url: string) {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
