import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { applyLocale, i18n } from '@/shared/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/shared/stores/session'
import PhoneReveal from '@/console/components/PhoneReveal.vue'
import MyUnitView from '@/console/views/MyUnitView.vue'
import { makeUser } from './fixtures/users'

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function mountReveal(fetchImpl: typeof fetch, props: Partial<{ masked: string | null; canReveal: boolean }> = {}) {
  configureHttp({ fetch: fetchImpl, csrfToken: () => 'csrf-9', locale: () => i18n.global.locale.value })
  return mount(PhoneReveal, {
    props: { userId: 42, masked: '138****5678', name: '张三', canReveal: true, ...props },
    global: { plugins: [i18n] },
  })
}

describe('PhoneReveal', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => resetHttp())

  it('shows the masked number and reveals the full one as a tel: link with the audit note', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => json(200, { phone: '13812345678' }))
    const wrapper = mountReveal(fetchImpl)
    expect(wrapper.find('[data-testid="phone-masked"]').text()).toBe('138****5678')
    expect(wrapper.find('a').exists()).toBe(false)
    const button = wrapper.find('[data-testid="phone-reveal-button"]')
    expect(button.text()).toBe('显示完整号码')
    expect(button.attributes('aria-label')).toBe('显示 张三 的完整号码')

    await button.trigger('click')
    await flushPromises()
    const [url, init] = fetchImpl.mock.calls[0] ?? []
    expect(url).toBe('/api/v1/users/42/phone/reveal')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBeUndefined()
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-9')

    const link = wrapper.find('a[data-testid="phone-full"]')
    expect(link.attributes('href')).toBe('tel:13812345678')
    expect(link.text()).toBe('13812345678')
    expect(wrapper.find('[data-testid="phone-audit-note"]').text()).toBe('本次查看已记入审计日志')
    expect(wrapper.find('[data-testid="phone-reveal-button"]').exists()).toBe(false)
    expect(wrapper.emitted('revealed')?.[0]).toEqual(['13812345678'])
  })

  it('explains a 404 and drops the button', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => json(404, { error: { code: 'not_found', message: 'not found' } }))
    const wrapper = mountReveal(fetchImpl)
    await wrapper.find('[data-testid="phone-reveal-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="phone-reveal-error"]').text()).toBe(i18n.global.t('console.myUnit.revealUnavailable'))
    expect(wrapper.find('[data-testid="phone-reveal-button"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="phone-masked"]').text()).toBe('138****5678')
  })

  it('keeps the button after other failures so the user can try again', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')))
      .mockImplementationOnce(async () => json(200, { phone: '13812345678' }))
    const wrapper = mountReveal(fetchImpl)
    await wrapper.find('[data-testid="phone-reveal-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="phone-reveal-error"]').text()).toBe(i18n.global.t('errors.network_error'))
    await wrapper.find('[data-testid="phone-reveal-button"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('a[href="tel:13812345678"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="phone-reveal-error"]').exists()).toBe(false)
  })

  it('offers no button without the permission or without a phone', () => {
    const fetchImpl = vi.fn<typeof fetch>()
    expect(mountReveal(fetchImpl, { canReveal: false }).find('[data-testid="phone-reveal-button"]').exists()).toBe(false)
    const none = mountReveal(fetchImpl, { masked: null })
    expect(none.find('[data-testid="phone-reveal-button"]').exists()).toBe(false)
    expect(none.find('[data-testid="phone-masked"]').text()).toBe('—')
    expect(fetchImpl).not.toHaveBeenCalled()
  })

  it('says “Show number” in English', () => {
    applyLocale('en')
    const wrapper = mountReveal(vi.fn<typeof fetch>())
    expect(wrapper.find('[data-testid="phone-reveal-button"]').text()).toBe('Show number')
  })
})

describe('MyUnitView phone reveal', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => resetHttp())

  async function mountView(permissions: string[]) {
    const members = [
      { id: 7, name: '城阳区工作人员', login_name: '370214.staff', roles: ['unit_staff'], phone_masked: '138****8000' },
      { id: 8, name: '城阳区负责人', login_name: '370214.lead', roles: ['unit_lead'], phone_masked: null },
    ]
    configureHttp({ fetch: vi.fn<typeof fetch>(async () => json(200, { items: members })), locale: () => i18n.global.locale.value })
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().user = makeUser({ permissions })
    const router = createAppRouter(createMemoryHistory())
    await router.push('/console/my-unit')
    const wrapper = mount(MyUnitView, { global: { plugins: [pinia, i18n, router] } })
    await flushPromises()
    return wrapper
  }

  it('offers the reveal button next to masked phones only with identity:phone:reveal', async () => {
    const allowed = await mountView(['identity:member:read', 'identity:phone:reveal'])
    expect(allowed.findAll('[data-testid="phone-reveal"]').length).toBe(2)
    expect(allowed.findAll('[data-testid="phone-reveal-button"]').length).toBe(1)
    allowed.unmount()

    const denied = await mountView(['identity:member:read'])
    expect(denied.text()).toContain('138****8000')
    expect(denied.findAll('[data-testid="phone-reveal-button"]').length).toBe(0)
    denied.unmount()
  })
})
