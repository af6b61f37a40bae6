import { createPinia } from 'pinia'
import { createApp, watch } from 'vue'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { configureHttp } from '@/shared/api/http'
import { installAuth } from '@/shared/auth/setup'
import { applyLocale, i18n } from '@/shared/i18n'
import { installLive, live } from '@/shared/live'
import { useSessionStore } from '@/shared/stores/session'
import { useUnitsStore } from '@/shared/stores/units'
import { unitsBelow } from '@/shared/units/tree'
import '@/shared/styles/main.css'

applyLocale(i18n.global.locale.value)
configureHttp({ locale: () => i18n.global.locale.value })

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()
installAuth(router)
const session = useSessionStore(pinia)
const units = useUnitsStore(pinia)
// Unit leads also hear about the units below theirs (their inbox covers them).
const isLead = () => session.hasRole('unit_lead') && !!session.user?.unit
watch(
  isLead,
  (lead) => {
    if (lead) void units.load()
  },
  { immediate: true },
)
// No live connection while a forced step (new password, TOTP set-up) is pending.
const liveSession = {
  get user() {
    return session.mustChangePassword || session.totpSetupRequired ? null : session.user
  },
}
installLive(liveSession, live, () => (isLead() && session.user?.unit ? unitsBelow(units.tree, session.user.unit.id) : []))
app.use(router)
app.mount('#app')
