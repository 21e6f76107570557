// yardpass:// links become the renderer's address for known screens only.
import { describe, expect, it } from 'vitest'
import { deepLinkPath } from '../../../electron/core/deep-link'

describe('deep links', () => {
  it('opens the invitation screen with its code, however the link is spelled', () => {
    expect(deepLinkPath('yardpass://accept-invitation?token=abc_DEF-123')).toBe('/accept-invitation?token=abc_DEF-123')
    expect(deepLinkPath('yardpass:///accept-invitation/?token=a%2Bb')).toBe('/accept-invitation?token=a%2Bb')
    expect(deepLinkPath('yardpass://accept-invitation')).toBe('/accept-invitation')
  })
  it('opens nothing for another protocol, an unknown screen or garbage', () => {
    expect(deepLinkPath('https://accept-invitation?token=x')).toBeNull()
    expect(deepLinkPath('yardpass://settings/../orders')).toBeNull()
    expect(deepLinkPath('yardpass://javascript:alert(1)')).toBeNull()
    expect(deepLinkPath('not a link')).toBeNull()
  })
})
