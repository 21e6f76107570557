// The app window's navigation and window-open rules, as the pure decisions window.ts applies.
import { describe, expect, it } from 'vitest'
import { allowsNavigation, decideWindowOpen } from '../../../electron/main/window-policy'

describe('the app window policy', () => {
  it('denies every new window and hands only https addresses to the system browser', () => {
    expect(decideWindowOpen('https://yardpass.example/help')).toEqual({ action: 'deny', openExternally: true })
    for (const url of [
      'http://yardpass.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'yardpass://x',
      'not a url',
      'HTTPS-LOOKALIKE:https://x',
    ]) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternally: false })
    }
  })

  it('allows a navigation only to the address the window already shows', () => {
    const current = 'file:///app/out/renderer/index.html'
    expect(allowsNavigation(current, current)).toBe(true)
    for (const url of [
      'https://evil.example/',
      'file:///app/out/renderer/other.html',
      `${current}?x=1`,
      'about:blank',
    ]) {
      expect(allowsNavigation(current, url), url).toBe(false)
    }
  })
})
