import { getCurrentInstance, onBeforeUnmount, ref, type Ref } from 'vue'

/** `Date.now()` as a ref that updates every `intervalMs` while the component is mounted. */
export function useNow(intervalMs = 30_000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => {
    now.value = Date.now()
  }, intervalMs)
  if (getCurrentInstance()) onBeforeUnmount(() => clearInterval(timer))
  return now
}
