import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { installAuth } from '@/shared/auth/setup'
import { applyLocale, i18n } from '@/shared/i18n'
import RegisterView from '@/portal/views/RegisterView.vue'
import LoginView from '@/shared/views/LoginView.vue'
import { makeUser } from './fixtures/users'

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

type Handler = (body: Record<string, unknown>) => Response

async function mountView(component: typeof LoginView | typeof RegisterView, path: string, routes: Record<string, Handler>, props = {}) {
  const calls: { key: string; body: Record<string, unknown> }[] = []
  let signedIn = false
  const fetchImpl = vi.fn<typeof fetch>(async (input, init = {}) => {
    const key = `${init.method ?? 'GET'} ${String(input).split('?')[0]}`
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {}
    calls.push({ key, body })
    if (key === 'GET /api/v1/auth/me') return json(200, { user: signedIn ? makeUser() : null, csrf_token: 'anon' })
    const handler = routes[key]
    if (!handler) return json(200, { items: [], tree: [], total: 0 })
    const res = handler(body)
    if (res.ok && (key.endsWith('/login') || key.endsWith('/register'))) signedIn = true
    return res
  })
  configureHttp({ fetch: fetchImpl, locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(createMemoryHistory())
  installAuth(router)
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component, { props, global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, calls }
}

const input = (testid: string) => `input[data-testid="${testid}"]`

/** Element Plus shows form-item errors after a 100 ms debounce. */
async function settle(): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 130))
  await flushPromises()
}

describe('LoginView', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('asks for the code when the server answers totp_required, then signs in and follows the redirect', async () => {
    let attempt = 0
    const { wrapper, router, calls } = await mountView(
      LoginView,
      '/console/login?redirect=/console/my-unit',
      {
        'POST /api/v1/auth/login': (body) => {
          attempt++
          if (!body.totp) return json(401, { error: { code: 'totp_required', message: '请输入动态验证码' } })
          if (body.totp !== '123456') return json(401, { error: { code: 'invalid_totp', message: '验证码错误' } })
          return json(200, { user: makeUser() })
        },
      },
      { area: 'console' },
    )

    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain(i18n.global.t('validation.required'))
    expect(calls.filter((c) => c.key.startsWith('POST'))).toHaveLength(0)

    await wrapper.find(input('login-name')).setValue('370214.staff')
    await wrapper.find(input('login-password')).setValue('Demo-Pass-2026')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.find(input('login-totp')).exists()).toBe(true)
    expect(wrapper.text()).toContain(i18n.global.t('auth.login.totpTitle'))

    await wrapper.find(input('login-totp')).setValue('12345')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain(i18n.global.t('validation.totp'))
    expect(attempt).toBe(1)

    await wrapper.find(input('login-totp')).setValue('654321')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('验证码错误')

    await wrapper.find(input('login-totp')).setValue('123 456')
    await wrapper.find('form').trigger('submit')
    await settle()
    const last = calls.filter((c) => c.key === 'POST /api/v1/auth/login').at(-1)
    expect(last?.body).toEqual({ login: '370214.staff', password: 'Demo-Pass-2026', totp: '123456' })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/console/my-unit'), { timeout: 3000 })
    wrapper.unmount()
  })

  it('shows the server message for wrong credentials', async () => {
    const { wrapper } = await mountView(
      LoginView,
      '/login',
      { 'POST /api/v1/auth/login': () => json(401, { error: { code: 'invalid_credentials', message: '账号或密码错误' } }) },
      { area: 'portal' },
    )
    await wrapper.find(input('login-name')).setValue('13800138000')
    await wrapper.find(input('login-password')).setValue('wrong-password')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="form-error"]').text()).toContain('账号或密码错误')
    wrapper.unmount()
  })
})

describe('RegisterView', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  const notice = {
    version: '2026-11',
    purpose_zh: '用于联系项目事宜',
    purpose_en: 'To contact you about your project',
    retention_zh: '三年',
    retention_en: 'Three years',
    contact_zh: '0532-12345',
    contact_en: '0532-12345',
  }

  it('checks the fields, then sends phone, consent and the notice version', async () => {
    const { wrapper, router, calls } = await mountView(RegisterView, '/register', {
      'GET /api/v1/auth/privacy-notice': () => json(200, notice),
      'POST /api/v1/auth/register': (body) =>
        body.phone === '13900000000'
          ? json(409, { error: { code: 'conflict', message: '已被注册', fields: { phone: '该手机号已注册' } } })
          : json(201, { user: makeUser({ roles: ['investor'] }) }),
    })

    await wrapper.find(input('register-phone')).setValue('123')
    await wrapper.find(input('register-password')).setValue('short')
    await wrapper.find(input('register-credit-code')).setValue('91350100M000100Y44')
    await wrapper.find('form').trigger('submit')
    await settle()
    const text = wrapper.text()
    expect(text).toContain(i18n.global.t('validation.phone'))
    expect(text).toContain(i18n.global.t('validation.passwordShort'))
    expect(text).toContain(i18n.global.t('validation.creditCode'))
    expect(text).toContain(i18n.global.t('validation.privacy'))
    expect(calls.some((c) => c.key === 'POST /api/v1/auth/register')).toBe(false)
    expect(wrapper.find('[data-testid="password-strength"]').attributes('data-strength')).toBe('weak')

    await wrapper.find(input('register-phone')).setValue('13900000000')
    await wrapper.find(input('register-password')).setValue('Harbour-View-88')
    await wrapper.find(input('register-name')).setValue('李雷')
    await wrapper.find(input('register-company')).setValue('青岛海景科技有限公司')
    await wrapper.find(input('register-credit-code')).setValue('91350100m000100y43')
    await wrapper.find('[data-testid="register-privacy"] input').setValue(true)
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.text()).toContain('该手机号已注册')

    await wrapper.find(input('register-phone')).setValue('13800138000')
    await wrapper.find('form').trigger('submit')
    await settle()
    const sent = calls.filter((c) => c.key === 'POST /api/v1/auth/register').at(-1)?.body
    expect(sent).toEqual({
      phone: '13800138000',
      password: 'Harbour-View-88',
      name: '李雷',
      company: '青岛海景科技有限公司',
      credit_code: '91350100M000100Y43',
      privacy_accepted: true,
      privacy_version: '2026-11',
    })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('portal-account'), { timeout: 3000 })
    wrapper.unmount()
  })
})
