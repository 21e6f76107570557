// @socket.io/postgres-adapter (0.5) takes one pooled client to LISTEN on, asynchronously. If the adapter is
// closed while that client is still being acquired, the client arrives afterwards and is never released,
// and the pool's end() then waits for it forever (a server stopped right after it started never finished
// closing). So the server waits for the listener before it says it is ready, and again before closing it.
import type { Server } from 'socket.io'

interface PubSubClient {
  client?: unknown
}

/** Resolves once the adapter's LISTEN client is in place, or after timeoutMs (the database is down). */
export async function adapterListenerSettled(io: Server, timeoutMs: number): Promise<void> {
  const pubsub = (io.of('/').adapter as unknown as { client?: PubSubClient }).client
  if (!pubsub || !('client' in pubsub || 'pool' in pubsub)) return // the in-memory adapter: nothing to wait for
  for (const deadline = Date.now() + timeoutMs; pubsub.client === undefined && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
