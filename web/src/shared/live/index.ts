// The application's one live connection, tied to the session: after sign-in it subscribes to the
// user's own topic and their unit's; at sign-out it closes. Components listen with `useLive`.
import { getCurrentInstance, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import { LiveClient, OPEN_EVENT, type LiveHandler, type LiveState } from './client'

export { LiveClient, OPEN_EVENT, backoffDelay, parseMessage } from './client'
export type { LiveHandler, LiveMessage, LiveState, SocketLike } from './client'

/** `ws://host/ws` or `wss://host/ws`, following the page's protocol (same origin). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`
}

export interface LiveUser {
  id: number
  unit: { id: number } | null
  /** The bureau and leaders: their connection listens to every unit (`unit:*`). */
  sees_all_units?: boolean
}

/** Topics a signed-in user listens to: their own, their unit's, and any `extraUnits` (e.g. a lead's zones). */
export function topicsFor(user: LiveUser | null, extraUnits: readonly number[] = []): string[] {
  if (!user) return []
  const topics = [`user:${user.id}`]
  if (user.sees_all_units === true) topics.push('unit:*')
  if (user.unit) topics.push(`unit:${user.unit.id}`)
  for (const id of extraUnits) if (id !== user.unit?.id) topics.push(`unit:${id}`)
  return [...new Set(topics)]
}

export const live = new LiveClient({ url: () => liveUrl() })

/** Reactive connection state of the shared client. */
export const liveState: Ref<LiveState> = ref(live.state)
live.onState((state) => {
  liveState.value = state
})

/**
 * Connects while someone is signed in (topics follow the user and `extraUnits`), disconnects
 * otherwise. The server joins only the topics the session may see.
 */
export function installLive(
  session: { readonly user: LiveUser | null },
  client: LiveClient = live,
  extraUnits: () => readonly number[] = () => [],
): () => void {
  return watch(
    () => {
      const user = session.user
      return user ? topicsFor(user, extraUnits()).join(' ') : ''
    },
    (key) => {
      if (key === '') {
        client.stop()
        return
      }
      client.setTopics(key.split(' '))
      client.start()
    },
    { immediate: true },
  )
}

/**
 * Calls `handler` for live messages of `type` while the calling component is mounted. With
 * `onReconnect`, the handler also runs after the connection comes back (messages may have been
 * missed), receiving the `live.open` message.
 */
export function useLive(type: string, handler: LiveHandler, options: { onReconnect?: boolean; client?: LiveClient } = {}): () => void {
  const client = options.client ?? live
  const offs = [client.on(type, handler)]
  if (options.onReconnect) {
    offs.push(
      client.on(OPEN_EVENT, (message) => {
        if (message.reconnect === true) handler(message)
      }),
    )
  }
  const off = () => offs.forEach((f) => f())
  if (getCurrentInstance()) onBeforeUnmount(off)
  return off
}
