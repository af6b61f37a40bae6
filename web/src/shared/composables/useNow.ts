import { getCurrentInstance, onBeforeUnmount, ref, type Ref } from 'vue'
import { serverNow } from '@/shared/serverClock'

/** The server's now as a ref that updates every `intervalMs` while the component is mounted. */
export function useNow(intervalMs = 30_000): Ref<number> {
  const now = ref(serverNow())
  const timer = setInterval(() => {
    now.value = serverNow()
  }, intervalMs)
  if (getCurrentInstance()) onBeforeUnmount(() => clearInterval(timer))
  return now
}
