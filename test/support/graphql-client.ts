// Calls the GraphQL API over real HTTP and graphql-ws, as a given user and organization.
import WebSocket from 'ws'
import { createClient, type Client } from 'graphql-ws'
import { api, type ApiResponse } from './api-client'

export interface GraphResult<T = any> {
  data: T | null
  errors?: { message: string; path?: string[]; extensions: { code: string; details?: unknown } }[]
  extensions?: { sqlStatements?: number }
}

export interface As {
  token?: string
  orgId?: string
  headers?: Record<string, string>
}

/** POSTs one operation; the HTTP status and the GraphQL answer. */
export function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  as: As = {},
): Promise<ApiResponse<GraphResult<T>>> {
  return api<GraphResult<T>>(url, 'POST', '/graphql', { ...as, body: { query, variables } })
}

/** The codes of an answer's errors, in order. */
export const codesOf = (result: GraphResult) => (result.errors ?? []).map((e) => e.extensions.code)

/** A graphql-ws client on /graphql, signed in with the token in connection_init. */
export function wsClient(url: string, token: string, orgId?: string): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}`, ...(orgId ? { 'x-org-id': orgId } : {}) },
    retryAttempts: 0,
    lazy: false,
  })
}

export interface Followed<T> {
  values: T[]
  errors: unknown[]
  isComplete: () => boolean
  stop: () => void
}

/** Follows a subscription: every value and error it delivers from now on. */
export function follow<T = any>(client: Client, query: string, variables: Record<string, unknown>): Followed<T> {
  const values: T[] = []
  const errors: unknown[] = []
  let complete = false
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors)
        else values.push(value.data as T)
      },
      error: (error) => errors.push(error),
      complete: () => {
        complete = true
      },
    },
  )
  return { values, errors, isComplete: () => complete, stop }
}

/** The answer's data; throws with the errors when there are any (so a failing test says why). */
export function ok<T = any>(response: ApiResponse<GraphResult<T>>): T {
  if (response.body.errors?.length || !response.body.data)
    throw new Error(
      `GraphQL errors (HTTP ${response.status}): ${JSON.stringify(response.body.errors ?? response.body)}`,
    )
  return response.body.data
}
