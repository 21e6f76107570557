// Small helpers to call the API over real HTTP as a given user and organization.
import { randomUUID } from 'node:crypto'
import type { AuthSession, OrgKind } from '../../shared/domain'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export async function api<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; orgId?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.orgId) headers['x-org-id'] = options.orgId
  let payload: string | undefined = options.rawBody
  if (options.body !== undefined) payload = JSON.stringify(options.body)
  if (payload !== undefined) headers['content-type'] ??= 'application/json'
  const response = await fetch(new URL(path, baseUrl), { method, headers, body: payload })
  const text = await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers }
}

export interface SignedUp extends AuthSession {
  orgId: string
  password: string
}

export async function signUp(baseUrl: string, kind: OrgKind = 'organizer', name = 'Test'): Promise<SignedUp> {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${randomUUID().slice(0, 8)}@example.com`
  const password = 'correct horse battery'
  const response = await api<AuthSession>(baseUrl, 'POST', '/v1/auth/signup', {
    body: { email, password, name, org_name: `${name} Org`, org_kind: kind },
  })
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`)
  return { ...response.body, orgId: response.body.orgs[0]!.id, password }
}

export const sampleEvent = {
  title: 'Founders Summit',
  start_at: '2027-03-01T09:00:00.000Z',
  end_at: '2027-03-02T18:00:00.000Z',
  city: 'Austin',
  region: 'TX',
  country: 'US',
  categories: ['technology'],
  target_audience: { interests: ['startups'] },
  brand_safety_tags: ['family-friendly'],
  capacity: 1200,
}
