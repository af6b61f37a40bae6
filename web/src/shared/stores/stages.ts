import { defineStore } from 'pinia'
import { computed } from 'vue'
import { fetchStages } from '@/shared/api/intake'
import { createResource } from './resource'

/** The eight project stages (谋划 → 达产), in order. */
export const useStagesStore = defineStore('stages', () => {
  const { data, loading, error, load } = createResource(() => fetchStages())
  const items = computed(() => [...(data.value?.items ?? [])].sort((a, b) => a.position - b.position))
  return { items, loading, error, load }
})
