// Loads one dashboard module for the filters in the address, again when they change, and again
// (debounced) when the server says a key project changed (`dashboard.changed` on the live channel).
import { computed, onBeforeUnmount, watch } from 'vue'
import { useRoute } from 'vue-router'
import { fetchDashboard, type DashboardFilters, type DashboardModule, type DashboardReplies } from '@/shared/api/dashboard'
import { useAsync } from '@/shared/composables/useAsync'
import { useLive, type LiveClient } from '@/shared/live'
import { filtersFromQuery } from './filters'

/** Bursts of changes (a bulk import, a merge) cause one refetch. */
export const LIVE_REFRESH_DELAY_MS = 1500

export const DASHBOARD_CHANGED = 'dashboard.changed'

/** Calls `refresh` once, `delayMs` after the last of a burst of live changes (or a reconnection). */
export function useDashboardChanges(refresh: () => void, delayMs = LIVE_REFRESH_DELAY_MS, client?: LiveClient): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  useLive(
    DASHBOARD_CHANGED,
    () => {
      clearTimeout(timer)
      timer = setTimeout(refresh, delayMs)
    },
    { onReconnect: true, client },
  )
  onBeforeUnmount(() => clearTimeout(timer))
}

export function useDashboardModule<M extends DashboardModule>(module: M, load: (filters: DashboardFilters, signal: AbortSignal) => Promise<DashboardReplies[M]> = (f, signal) => fetchDashboard(module, f, { signal })) {
  const route = useRoute()
  const page = route.name
  // Leaving for a drill-down changes the address before this page goes: that is not a new filter.
  const filters = computed((previous?: DashboardFilters) => (route.name === page ? filtersFromQuery(route.query) : (previous ?? {})))
  const state = useAsync<DashboardReplies[M]>((signal) => load(filters.value, signal))
  watch(
    () => JSON.stringify(filters.value),
    () => void state.run(),
  )
  useDashboardChanges(() => void state.run())
  return { filters, state }
}
