import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { applyLocale, i18n } from '@/shared/i18n'
import { createAppRouter } from '@/router'
import DirectoryView from '@/portal/views/DirectoryView.vue'
import { sampleTree } from './fixtures/units'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function mountDirectory(fetchImpl: typeof fetch, path = '/directory') {
  configureHttp({ fetch: fetchImpl, locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(DirectoryView, { global: { plugins: [pinia, i18n, router] } })
  return wrapper
}

describe('DirectoryView', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => resetHttp())

  it('shows a loading state, then the districts with tel: links', async () => {
    let resolve: (r: Response) => void = () => {}
    const fetchImpl = vi.fn<typeof fetch>(() => new Promise<Response>((r) => (resolve = r)))
    const wrapper = await mountDirectory(fetchImpl)
    await flushPromises()
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(true)

    resolve(json(200, { tree: sampleTree(), total: 11 }))
    await flushPromises()
    expect(wrapper.find('[data-testid="state-loading"]').exists()).toBe(false)
    const districts = wrapper.findAll('[data-testid="group-district"] > div > [data-unit-type="district"]')
    expect(districts.map((d) => d.find('h3').text())).toEqual(['市南区', '黄岛区', '城阳区'])
    expect(wrapper.find('a[href="tel:053286989999"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Chengyang District')
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/v1/units')
    wrapper.unmount()
  })

  it('filters with the search box and shows an empty state for no match', async () => {
    const wrapper = await mountDirectory(vi.fn<typeof fetch>(async () => json(200, { tree: sampleTree(), total: 11 })))
    await flushPromises()
    await wrapper.find('input[data-testid="directory-search"]').setValue('城阳')
    const cards = wrapper.findAll('[data-unit-type="district"]')
    expect(cards.map((c) => c.find('h3').text())).toEqual(['城阳区'])

    await wrapper.find('input[data-testid="directory-search"]').setValue('不存在的单位')
    expect(wrapper.find('[data-testid="state-empty"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('不存在的单位')
    wrapper.unmount()
  })

  it('shows an error with a retry button that reloads', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockImplementationOnce(async () => json(500, { error: { code: 'internal', message: '服务器内部错误' } }))
      .mockImplementationOnce(async () => json(200, { tree: sampleTree(), total: 11 }))
    const wrapper = await mountDirectory(fetchImpl)
    await flushPromises()
    const error = wrapper.find('[data-testid="state-error"]')
    expect(error.exists()).toBe(true)
    expect(error.text()).toContain('服务器内部错误')

    await wrapper.find('[data-testid="retry"]').trigger('click')
    await flushPromises()
    expect(fetchImpl).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="state-error"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-unit-type="district"]').length).toBe(3)
    wrapper.unmount()
  })

  it('uses our own wording for network errors and shows the empty directory state', async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')))
      .mockImplementationOnce(async () => json(200, { tree: [], total: 0 }))
    const wrapper = await mountDirectory(fetchImpl)
    await flushPromises()
    expect(wrapper.find('[data-testid="state-error"]').text()).toContain(i18n.global.t('errors.network_error'))
    await wrapper.find('[data-testid="retry"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="state-empty"]').text()).toContain(i18n.global.t('portal.directory.emptyTitle'))
    wrapper.unmount()
  })

  it('renders English names first in English and sends Accept-Language', async () => {
    applyLocale('en')
    const fetchImpl = vi.fn<typeof fetch>(async () => json(200, { tree: sampleTree(), total: 11 }))
    const wrapper = await mountDirectory(fetchImpl, '/directory?q=chengyang')
    await flushPromises()
    expect(wrapper.find('[data-unit-type="district"] h3').text()).toBe('Chengyang District')
    const headers = fetchImpl.mock.calls[0]?.[1]?.headers as Record<string, string>
    expect(headers['Accept-Language']).toBe('en')
    wrapper.unmount()
  })
})
