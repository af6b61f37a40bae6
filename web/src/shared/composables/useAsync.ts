import { getCurrentInstance, onBeforeUnmount, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError } from '@/shared/api/http'

export interface AsyncState<T> {
  data: ShallowRef<T | null>
  loading: Ref<boolean>
  error: ShallowRef<ApiError | null>
  /** Runs the loader again; an earlier request still in flight is aborted. */
  run: () => Promise<void>
}

/** Wraps an API call: loading flag, typed error, abort on re-run and on unmount. */
export function useAsync<T>(loader: (signal: AbortSignal) => Promise<T>, options: { immediate?: boolean } = {}): AsyncState<T> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let controller: AbortController | null = null

  async function run(): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const result = await loader(mine.signal)
      if (controller !== mine) return
      data.value = result
    } catch (err) {
      if (controller !== mine) return
      if (err instanceof ApiError && err.code === 'aborted') return
      error.value = err instanceof ApiError ? err : new ApiError(0, 'client_error', err instanceof Error ? err.message : String(err))
    } finally {
      if (controller === mine) {
        loading.value = false
        controller = null
      }
    }
  }

  if (getCurrentInstance()) onBeforeUnmount(() => controller?.abort())
  if (options.immediate !== false) void run()
  return { data, loading, error, run }
}
