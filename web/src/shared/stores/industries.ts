import { defineStore } from 'pinia'
import { computed } from 'vue'
import { fetchIndustries } from '@/shared/api/industries'
import { createResource } from './resource'

export const useIndustriesStore = defineStore('industries', () => {
  const { data, loading, error, load } = createResource(() => fetchIndustries())
  const items = computed(() => data.value?.items ?? [])
  const chains = computed(() => items.value.filter((i) => i.kind === 'chain'))
  const sections = computed(() => items.value.filter((i) => i.kind === 'section'))
  const loaded = computed(() => data.value !== null)
  return { items, chains, sections, loaded, loading, error, load }
})
