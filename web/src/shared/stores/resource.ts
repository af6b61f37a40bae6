import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { ApiError } from '@/shared/api/http'

export interface Resource<T> {
  data: ShallowRef<T | null>
  loading: Ref<boolean>
  error: ShallowRef<ApiError | null>
  /** Loads once; later calls reuse the data unless `force` is true. Concurrent calls share one request. */
  load: (force?: boolean) => Promise<void>
}

/** A cached, shared API resource (for data that many pages show and that rarely changes). */
export function createResource<T>(loader: () => Promise<T>): Resource<T> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  let pending: Promise<void> | null = null

  function load(force = false): Promise<void> {
    if (pending) return pending
    if (data.value !== null && !force) return Promise.resolve()
    loading.value = true
    error.value = null
    pending = loader()
      .then((result) => {
        data.value = result
      })
      .catch((err: unknown) => {
        error.value =
          err instanceof ApiError ? err : new ApiError(0, 'client_error', err instanceof Error ? err.message : String(err))
      })
      .finally(() => {
        loading.value = false
        pending = null
      })
    return pending
  }

  return { data, loading, error, load }
}
