import { createPinia } from 'pinia'
import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { configureHttp } from '@/shared/api/http'
import { installAuth } from '@/shared/auth/setup'
import { applyLocale, i18n } from '@/shared/i18n'
import { installLive } from '@/shared/live'
import { useSessionStore } from '@/shared/stores/session'
import '@/shared/styles/main.css'

applyLocale(i18n.global.locale.value)
configureHttp({ locale: () => i18n.global.locale.value })

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()
installAuth(router)
installLive(useSessionStore(pinia))
app.use(router)
app.mount('#app')
