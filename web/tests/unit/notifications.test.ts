import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const list = vi.fn()
vi.mock('@/shared/api/intake', () => ({
  notificationsApi: { list: (page: number) => list(page), markRead: vi.fn() },
}))

const { useNotificationsStore } = await import('@/shared/stores/notifications')

function note(id: number) {
  return { id, kind: 'intent.routed', subject: `项目 ${id}`, link: `/console/intents/${id}`, created_at: '2026-11-26T10:00:00+08:00', read_at: null }
}

describe('notification centre', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    list.mockReset()
  })

  it('loads older pages on demand, without repeating what is shown, and stops at the end', async () => {
    list.mockResolvedValueOnce({ items: [note(5), note(4)], total: 4, unread: 3 })
    const store = useNotificationsStore()
    await store.load()
    expect(store.items.map((n) => n.id)).toEqual([5, 4])
    // A new notification arrived meanwhile: page 2 now starts with the one already shown.
    list.mockResolvedValueOnce({ items: [note(4), note(3), note(2)], total: 5, unread: 3 })
    await store.loadMore()
    expect(list).toHaveBeenLastCalledWith(2)
    expect(store.items.map((n) => n.id)).toEqual([5, 4, 3, 2])
    expect(store.total).toBe(5)
    list.mockResolvedValueOnce({ items: [note(1)], total: 5, unread: 3 })
    await store.loadMore()
    expect(store.items).toHaveLength(5)
    await store.loadMore()
    expect(list).toHaveBeenCalledTimes(3)
  })
})
