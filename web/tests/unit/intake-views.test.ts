import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Component, DefineComponent } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import type { InboxItem, Intent } from '@/shared/api/intake'
import { applyLocale, i18n } from '@/shared/i18n'
import { live } from '@/shared/live'
import InboxView from '@/console/views/InboxView.vue'
import IntentFormView from '@/portal/views/IntentFormView.vue'
import IntentView from '@/portal/views/IntentView.vue'
import { fakeFetch, json } from './fixtures/fetch'
import { sampleTree } from './fixtures/units'

const INDUSTRIES = { items: [{ code: 'nev', kind: 'chain', name_zh: '智能网联新能源汽车', name_en: 'Connected NEVs', group: 'emerging' }] }

function intent(overrides: Partial<Intent> = {}): Intent {
  return {
    id: 41,
    title: '电驱系统生产基地',
    company: '青岛示例动力科技有限公司',
    credit_code: null,
    contact_name: '王经理',
    industry: 'nev',
    investment_total: '800000000',
    currency: 'CNY',
    capital_type: 'domestic',
    preferred_units: [],
    land_mu: null,
    jobs: null,
    description: '年产 30 万套',
    status: 'routed',
    stage: null,
    created_at: '2026-11-26T10:00:00+08:00',
    primary_unit: null,
    handler: null,
    routing: [
      { unit_id: 3, unit_name: '黄岛区', score: 70, reasons: ['投资者选择了该地区。'] },
      { unit_id: 9, unit_name: '青岛市商务局', score: 0, informed_only: true, reasons: ['投资额达到 5 亿元：同时告知。'] },
    ],
    assignments: [],
    timeline: [{ at: '2026-11-26T10:00:00+08:00', kind: 'submitted', actor_name: '投资者', unit_name: null, text: null }],
    actions: [],
    ...overrides,
  }
}

async function settle(ms = 130): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
}

/** Sends a message through the shared live client as if it came over the WebSocket. */
function liveMessage(message: Record<string, unknown>): void {
  ;(live as unknown as { dispatch(m: Record<string, unknown>): void }).dispatch(message as { type: string })
}

async function mountView(component: Component, fetchImpl: typeof fetch, path: string, props: Record<string, unknown> = {}) {
  configureHttp({ fetch: fetchImpl, locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component as DefineComponent, { props, global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('intent form', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  async function fill(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) {
    await wrapper.find('input[data-testid="intent-title"]').setValue('电驱系统生产基地')
    await wrapper.find('input[data-testid="intent-investment"]').setValue('80000')
    await wrapper.find('textarea[data-testid="intent-description"]').setValue('年产 30 万套')
    await wrapper.find('input[data-testid="intent-company"]').setValue('青岛示例动力科技有限公司')
    await wrapper.find('input[data-testid="intent-contact-name"]').setValue('王经理')
    await wrapper.find('input[data-testid="intent-contact-phone"]').setValue('13800138000')
  }

  it('stops at the client checks and sends nothing', async () => {
    const fetchImpl = fakeFetch({ 'GET /api/v1/industries': () => json(200, INDUSTRIES), 'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }) })
    const { wrapper } = await mountView(IntentFormView, fetchImpl, '/intents/new')
    await wrapper.find('input[data-testid="intent-contact-phone"]').setValue('123')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="form-error"]').exists()).toBe(true)
    const text = wrapper.text()
    expect(text).toContain('必填')
    expect(text).toContain('请输入 11 位中国大陆手机号')
    expect(fetchImpl.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false)
    wrapper.unmount()
  })

  it('shows the server’s 422 field messages under the fields', async () => {
    let body: unknown = null
    const fetchImpl = fakeFetch({
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
      'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }),
      'POST /api/v1/intents': (_url, init) => {
        body = JSON.parse(String(init.body))
        return json(422, { error: { code: 'validation_failed', message: '请检查填写的内容', fields: { industry: '请选择有效的产业', title: '标题重复' } } })
      },
    })
    const { wrapper } = await mountView(IntentFormView, fetchImpl, '/intents/new')
    await fill(wrapper)
    // choose the industry directly on the component state (the select's popper is not under test here)
    const select = wrapper.findComponent({ name: 'ElSelect' })
    select.vm.$emit('update:modelValue', 'nev')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(body).toMatchObject({ title: '电驱系统生产基地', industry: 'nev', investment_total: '800000000', currency: 'CNY', capital_type: 'domestic' })
    expect(wrapper.text()).toContain('请选择有效的产业')
    expect(wrapper.text()).toContain('标题重复')
    expect(wrapper.find('[data-testid="form-error"]').text()).toContain('请检查填写的内容')
    wrapper.unmount()
  })

  it('shows the routing result, then opens the intent page', async () => {
    const fetchImpl = fakeFetch({
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
      'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }),
      'POST /api/v1/intents': () => json(201, { intent: intent() }),
    })
    const { wrapper, router } = await mountView(IntentFormView, fetchImpl, '/intents/new')
    await fill(wrapper)
    wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'nev')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const dialog = document.querySelector('[data-testid="routing-result"]')
    expect(dialog?.textContent).toContain('黄岛区')
    expect(dialog?.textContent).toContain('投资者选择了该地区。')
    expect(dialog?.textContent).toContain('同时知会：青岛市商务局')
    ;(document.querySelector('[data-testid="routing-open"]') as HTMLElement).click()
    await settle(600) // the dialog's leave transition, then `closed`
    expect(router.currentRoute.value.fullPath).toBe('/intents/41')
    wrapper.unmount()
  })
})

describe('the investor’s intent page', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => resetHttp())

  it('re-reads the intent when it changes, and offers click-to-call', async () => {
    let current = intent()
    const fetchImpl = fakeFetch({
      'GET /api/v1/intents/41': () => json(200, { intent: current }),
      'GET /api/v1/stages': () => json(200, { items: [] }),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
    })
    const { wrapper } = await mountView(IntentView, fetchImpl, '/intents/41', { id: '41' })
    expect(wrapper.find('[data-testid="intent-status"]').attributes('data-status')).toBe('routed')
    expect(wrapper.text()).toContain('等待认领')

    current = intent({ status: 'claimed', primary_unit: { id: 3, name: '黄岛区', phone: '0532-86989000' }, handler: { user_id: 5, name: '李专员' } })
    liveMessage({ type: 'intent.changed', intent_id: 99, status: 'claimed' }) // another intent: ignored
    await flushPromises()
    expect(wrapper.find('[data-testid="intent-status"]').attributes('data-status')).toBe('routed')
    liveMessage({ type: 'intent.changed', intent_id: 41, status: 'claimed' })
    await flushPromises()
    expect(wrapper.find('[data-testid="intent-status"]').attributes('data-status')).toBe('claimed')
    expect(wrapper.find('[data-testid="handler-name"]').text()).toBe('李专员')
    expect(wrapper.find('[data-testid="handler-call"] a[href="tel:053286989000"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="reply-box"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('the inbox', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => resetHttp())

  function item(id: number, title: string): InboxItem {
    return {
      intent_id: id,
      assignment_id: id * 10,
      title,
      company: '示例公司',
      industry: 'nev',
      investment_total: '800000000',
      currency: 'CNY',
      capital_type: 'domestic',
      status: 'routed',
      unit_id: 3,
      unit_name: '黄岛区',
      role: 'candidate',
      step: 'acknowledge',
      due_at: new Date(Date.now() + 90 * 60_000).toISOString(),
      overdue: false,
      paused: false,
      assigned_user_id: null,
      assigned_user_name: null,
      mine: false,
      created_at: '2026-11-26T10:00:00+08:00',
    }
  }

  it('adds a routed intent without reloading the page and highlights it', async () => {
    let items = [item(1, '旧项目')]
    const fetchImpl = fakeFetch({
      'GET /api/v1/inbox': () => json(200, { items, total: items.length, page: 1, page_size: 20 }),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
    })
    const { wrapper } = await mountView(InboxView, fetchImpl, '/console/inbox')
    expect(wrapper.findAll('[data-testid="inbox-item"]')).toHaveLength(1)
    expect(wrapper.find('[data-testid="due-badge"]').attributes('data-state')).toBe('soon')
    expect(fetchImpl.mock.calls[0]?.[0]).toContain('view=open')

    items = [item(2, '新项目'), ...items]
    liveMessage({ type: 'intent.routed', intent_id: 2, title: '新项目' })
    await flushPromises()
    const rows = wrapper.findAll('[data-testid="inbox-item"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]?.attributes('data-intent-id')).toBe('2')
    expect(wrapper.find('.inbox-row.is-fresh').text()).toContain('新项目')
    wrapper.unmount()
  })
})
