import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, type Component, type DefineComponent } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import type { RankingConfig } from '@/shared/api/ranking'
import { resetCityMap } from '@/shared/charts/cityMap'
import { applyLocale, i18n } from '@/shared/i18n'
import { LiveClient } from '@/shared/live'
import { useSessionStore } from '@/shared/stores/session'
import OverviewModule from '@/console/views/dashboard/OverviewModule.vue'
import { useDashboardChanges } from '@/console/views/dashboard/useDashboardModule'
import ProjectsView from '@/console/views/ProjectsView.vue'
import RankingConfigView from '@/console/views/ranking/RankingConfigView.vue'
import { OVERVIEW } from './fixtures/dashboard'
import { fakeFetch, json, type Handler } from './fixtures/fetch'
import { sampleTree } from './fixtures/units'
import { makeUser } from './fixtures/users'

async function settle(ms = 150): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
}

async function mountView(component: Component, routes: Record<string, Handler>, path: string, permissions: string[]) {
  configureHttp({ fetch: fakeFetch(routes), csrfToken: () => 'csrf-1', locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser({ roles: ['bureau_operator'], permissions })
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component as DefineComponent, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

const UNITS = () => json(200, { tree: sampleTree(), total: 3 })

describe('dashboard pages', () => {
  beforeEach(() => {
    applyLocale('zh-CN')
    // No map asset installed: the district figures show as a table.
    vi.stubGlobal('fetch', async () => new Response('missing', { status: 404 }))
  })
  afterEach(() => {
    resetHttp()
    resetCityMap()
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('links every counted figure to the project list with its drill; anonymous peers stay plain', async () => {
    const urls: string[] = []
    const { wrapper } = await mountView(
      OverviewModule,
      { 'GET /api/v1/dashboard/overview': (url) => (urls.push(url), json(200, OVERVIEW)), 'GET /api/v1/units': UNITS },
      '/console/dashboard/overview?period=2026&source=event',
      ['dashboard:figure:read'],
    )
    await flushPromises()
    expect(urls).toEqual(['/api/v1/dashboard/overview?period=2026&source=event'])
    const links = wrapper.findAll('[data-testid="figure-link"]').map((a) => a.attributes('href'))
    expect(links).toContain('/console/projects?stage=signed&period=2026&min_investment=500000000')
    expect(links).toContain('/console/projects?unit_id=3&signed_large=true&period=2026')
    expect(links).toContain('/console/projects?campaign=ocean&period=2026')
    // The peer's figure is shown without a link, under its label.
    expect(wrapper.text()).toContain('同级单位 1')
    expect(wrapper.findAll('[data-testid="figure-plain"]').map((s) => s.text())).toContain('5')
    expect(wrapper.find('[data-testid="city-map-table"]').exists()).toBe(true)
  })

  it('the project list passes a drill’s filters on to the API and shows them', async () => {
    const urls: string[] = []
    const { wrapper } = await mountView(
      ProjectsView,
      {
        'GET /api/v1/projects': (url) => (urls.push(url), json(200, { items: [], total: 0, page: 1, page_size: 20 })),
        'GET /api/v1/units': UNITS,
        'GET /api/v1/stages': () => json(200, { items: [] }),
        'GET /api/v1/industries': () => json(200, { items: [] }),
      },
      '/console/projects?period=2026-Q4&source=meeting_outbound&undertaking_unit_id=12&min_stage=signed&stage=signed',
      ['dispatch:project:read'],
    )
    const query = new URL(urls[0] ?? '', 'http://x').searchParams
    expect(Object.fromEntries(query)).toMatchObject({ period: '2026-Q4', source: 'meeting_outbound', undertaking_unit_id: '12', min_stage: 'signed', stage: 'signed' })
    const chips = wrapper.get('[data-testid="drill-filters"]')
    expect(chips.text()).toContain('领导外出对接')
    expect(chips.findAll('[data-drill-key]').map((c) => c.attributes('data-drill-key'))).toEqual(['period', 'source', 'undertaking_unit_id', 'min_stage'])
    // Clearing them lists everything again.
    await wrapper.get('[data-testid="drill-clear"]').trigger('click')
    await settle()
    expect(urls.at(-1)).toBe('/api/v1/projects?stage=signed&page=1&page_size=20')
  })

  it('shows the server’s 422 under the ranking configuration field it names, and saves nothing locally', async () => {
    const config: RankingConfig = {
      version: 3,
      usd_cny_rate: '7.10',
      metrics: [
        { code: 'projects_handled', weight: '10', threshold: '0' },
        { code: 'meeting_fill_rate', weight: '10', threshold: '0.6' },
      ],
      leagues: [{ code: 'district', name_zh: '区市', name_en: 'Districts', top: 3, bottom: 3, units: [12] }],
    }
    const puts: unknown[] = []
    const { wrapper } = await mountView(
      RankingConfigView,
      {
        'GET /api/v1/ranking/config': () => json(200, config),
        'GET /api/v1/units': UNITS,
        'PUT /api/v1/ranking/config': (_url, init) => {
          puts.push(JSON.parse(String(init.body)))
          return json(422, {
            error: { code: 'validation_failed', message: '请检查标出的字段', fields: { 'metrics[1].weight': '权重必须是非负数', 'leagues[0].units[0]': '该单位已在其他组别' } },
          })
        },
      },
      '/console/rankings/config',
      ['ranking:config:write', 'ranking:snapshot:read'],
    )
    await flushPromises()
    await wrapper.find('input[data-testid="weight-1"]').setValue('-5')
    await wrapper.find('[data-testid="ranking-config"]').trigger('submit')
    await settle()
    expect(puts).toEqual([{ usd_cny_rate: '7.10', metrics: [config.metrics[0], { code: 'meeting_fill_rate', weight: '-5', threshold: '0.6' }], leagues: config.leagues }])
    expect(wrapper.find('[data-testid="error-metrics-1-weight"]').text()).toBe('权重必须是非负数')
    expect(wrapper.find('[data-testid="error-metrics-0-weight"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="error-leagues-0-units"]').text()).toBe('该单位已在其他组别')
    expect(wrapper.find('[data-testid="form-error"]').text()).toContain('请检查标出的字段')
    // The form keeps what was typed, for correcting.
    expect((wrapper.find('input[data-testid="weight-1"]').element as HTMLInputElement).value).toBe('-5')
  })
})

describe('live dashboard changes', () => {
  it('re-fetch once after a burst of dashboard.changed messages, not on other messages', async () => {
    vi.useFakeTimers()
    const sockets: { onmessage: ((e: { data: unknown }) => void) | null; onopen: ((e: unknown) => void) | null; readyState: number }[] = []
    const client = new LiveClient({
      url: 'ws://test/ws',
      pingIntervalMs: 0,
      createSocket: () => {
        const socket = { readyState: 0, onopen: null, onclose: null, onerror: null, onmessage: null, send: () => undefined, close: () => undefined }
        sockets.push(socket)
        return socket
      },
    })
    client.start()
    const socket = sockets[0]!
    socket.readyState = 1
    socket.onopen?.({})
    const refresh = vi.fn()
    const wrapper = mount(
      defineComponent({
        setup() {
          useDashboardChanges(refresh, 1500, client)
          return () => h('div')
        },
      }),
    )
    const send = (message: unknown) => socket.onmessage?.({ data: JSON.stringify(message) })
    send({ type: 'dashboard.changed', project_id: 1, at: '2026-11-26T10:00:00+08:00' })
    vi.advanceTimersByTime(1000)
    send({ type: 'dashboard.changed', project_id: 2, at: '2026-11-26T10:00:01+08:00' })
    send({ type: 'notification', id: 9 })
    vi.advanceTimersByTime(1499)
    expect(refresh).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(refresh).toHaveBeenCalledTimes(1)
    // Unmounted, the page stops listening.
    wrapper.unmount()
    send({ type: 'dashboard.changed', project_id: 3, at: '2026-11-26T10:00:05+08:00' })
    vi.advanceTimersByTime(5000)
    expect(refresh).toHaveBeenCalledTimes(1)
    client.stop()
    vi.useRealTimers()
  })
})
