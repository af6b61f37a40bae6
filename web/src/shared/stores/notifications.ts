// The in-app notification centre: the unread count (kept live by `{"type":"notification","unread"}`
// on the user's topic) and the latest notifications, loaded when the bell opens.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { ApiError, isApiError } from '@/shared/api/http'
import { notificationsApi, type AppNotification } from '@/shared/api/intake'

export const useNotificationsStore = defineStore('notifications', () => {
  const items = shallowRef<AppNotification[]>([])
  const unread = ref(0)
  const total = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const page = ref(1)
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    if (pending) return pending
    loading.value = true
    error.value = null
    pending = notificationsApi
      .list(1)
      .then((res) => {
        items.value = res.items ?? []
        unread.value = res.unread ?? 0
        total.value = res.total ?? items.value.length
        page.value = 1
        loaded.value = true
      })
      .catch((err: unknown) => {
        error.value = isApiError(err) ? err : new ApiError(0, 'client_error', String(err))
      })
      .finally(() => {
        loading.value = false
        pending = null
      })
    return pending
  }

  /** Appends the next page of older notifications (skipping any already shown). */
  function loadMore(): Promise<void> {
    if (pending || items.value.length >= total.value) return pending ?? Promise.resolve()
    loading.value = true
    error.value = null
    pending = notificationsApi
      .list(page.value + 1)
      .then((res) => {
        const shown = new Set(items.value.map((n) => n.id))
        items.value = [...items.value, ...(res.items ?? []).filter((n) => !shown.has(n.id))]
        unread.value = res.unread ?? unread.value
        total.value = res.total ?? total.value
        page.value += 1
      })
      .catch((err: unknown) => {
        error.value = isApiError(err) ? err : new ApiError(0, 'client_error', String(err))
      })
      .finally(() => {
        loading.value = false
        pending = null
      })
    return pending
  }

  /** Marks the given notifications (all when omitted) read. */
  async function markRead(ids?: number[]): Promise<void> {
    const res = await notificationsApi.markRead(ids)
    unread.value = res.unread
    const now = new Date().toISOString()
    items.value = items.value.map((n) => (!n.read_at && (!ids || ids.includes(n.id)) ? { ...n, read_at: now } : n))
  }

  /** A live `notification` message: the new unread count; the list is stale until reloaded. */
  function setUnread(count: number): void {
    unread.value = Math.max(0, Math.floor(count))
    loaded.value = false
  }

  function reset(): void {
    items.value = []
    unread.value = 0
    total.value = 0
    loaded.value = false
    error.value = null
  }

  return { items, unread, total, loading, loaded, error, load, loadMore, markRead, setUnread, reset }
})
