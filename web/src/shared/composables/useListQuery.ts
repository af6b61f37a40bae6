import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref, type WatchSource } from 'vue'
import { useAsync, type AsyncState } from './useAsync'

/**
 * A search box's text, handed to `apply` trimmed once typing has paused for `delayMs`
 * (the pending hand-over is dropped on unmount).
 */
export function useSearchBox(initial: string, apply: (value: string) => void, delayMs = 300): Ref<string> {
  const q = ref(initial)
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(q, (value) => {
    clearTimeout(timer)
    timer = setTimeout(() => apply(value.trim()), delayMs)
  })
  onBeforeUnmount(() => clearTimeout(timer))
  return q
}

export interface PagedList<P extends { items: unknown[]; total: number }> {
  list: AsyncState<P>
  page: Ref<number>
  pageSize: Ref<number>
  items: ComputedRef<P['items']>
  total: ComputedRef<number>
}

/**
 * A paged list loaded at once: a change to `filters` or to the page size goes back to page 1
 * (or reloads when already there), a change of page reloads; `changed` runs after either.
 */
export function usePagedList<P extends { items: unknown[]; total: number }>(
  load: (paging: { page: number; page_size: number }, signal: AbortSignal) => Promise<P>,
  filters: WatchSource[],
  options: { page?: number; changed?: () => void } = {},
): PagedList<P> {
  const page = ref(options.page ?? 1)
  const pageSize = ref(20)
  const list = useAsync((signal) => load({ page: page.value, page_size: pageSize.value }, signal))
  watch([...filters, pageSize], () => {
    if (page.value !== 1) page.value = 1
    else void list.run()
    options.changed?.()
  })
  watch(page, () => {
    void list.run()
    options.changed?.()
  })
  const items = computed<P['items']>(() => list.data.value?.items ?? [])
  const total = computed(() => list.data.value?.total ?? 0)
  return { list, page, pageSize, items, total }
}
