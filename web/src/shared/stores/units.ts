import { defineStore } from 'pinia'
import { computed } from 'vue'
import { fetchUnitTree } from '@/shared/api/units'
import { countByType, countUnits } from '@/shared/units/tree'
import { createResource } from './resource'

export const useUnitsStore = defineStore('units', () => {
  const { data, loading, error, load } = createResource(() => fetchUnitTree())
  const tree = computed(() => data.value?.tree ?? [])
  const total = computed(() => data.value?.total ?? countUnits(tree.value))
  const byType = computed(() => countByType(tree.value))
  const loaded = computed(() => data.value !== null)
  return { tree, total, byType, loaded, loading, error, load }
})
