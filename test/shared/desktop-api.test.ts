import { describe, expect, it } from 'vitest'
import { Value } from 'typebox/value'
import { desktopCommands, isDesktopCommandName } from '../../shared/desktop-api'

describe('desktop API contract', () => {
  it('knows its commands and nothing else', () => {
    expect(isDesktopCommandName('session-login')).toBe(true)
    expect(isDesktopCommandName('toString')).toBe(false)
    expect(isDesktopCommandName(42)).toBe(false)
  })

  it('validates command arguments at runtime', () => {
    const schema = desktopCommands['session-login'].args
    expect(Value.Check(schema, { serverUrl: 'http://127.0.0.1:8787', email: 'a@b.co', password: 'x' })).toBe(true)
    expect(Value.Check(schema, { serverUrl: 'http://127.0.0.1:8787', email: 'a@b.co' })).toBe(false)
    expect(Value.Check(desktopCommands['org-select'].args, { orgId: 'not-a-uuid' })).toBe(false)
  })
})
