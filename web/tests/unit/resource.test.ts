import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/shared/api/http'
import { useAsync } from '@/shared/composables/useAsync'
import { createResource } from '@/shared/stores/resource'

describe('createResource', () => {
  it('loads once, shares concurrent calls, reloads on force', async () => {
    const loader = vi.fn(async () => ({ n: loader.mock.calls.length }))
    const r = createResource(loader)
    await Promise.all([r.load(), r.load()])
    expect(loader).toHaveBeenCalledTimes(1)
    await r.load()
    expect(loader).toHaveBeenCalledTimes(1)
    await r.load(true)
    expect(loader).toHaveBeenCalledTimes(2)
    expect(r.data.value).toEqual({ n: 2 })
    expect(r.loading.value).toBe(false)
  })

  it('keeps errors as ApiError and clears them on success', async () => {
    const loader = vi
      .fn<() => Promise<number>>()
      .mockRejectedValueOnce(new ApiError(503, 'unavailable', 'down'))
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValueOnce(7)
    const r = createResource(loader)
    await r.load()
    expect(r.error.value?.code).toBe('unavailable')
    await r.load()
    expect(r.error.value?.code).toBe('client_error')
    await r.load()
    expect(r.error.value).toBeNull()
    expect(r.data.value).toBe(7)
  })
})

describe('useAsync', () => {
  it('ignores the result of a superseded run', async () => {
    let calls = 0
    const resolvers: ((v: number) => void)[] = []
    const state = useAsync(
      (signal) =>
        new Promise<number>((resolve, reject) => {
          calls += 1
          resolvers.push(resolve)
          signal.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'aborted')))
        }),
      { immediate: false },
    )
    const first = state.run()
    const second = state.run()
    resolvers[1]?.(2)
    await Promise.all([first, second])
    expect(calls).toBe(2)
    expect(state.data.value).toBe(2)
    expect(state.error.value).toBeNull()
    expect(state.loading.value).toBe(false)
  })
})
