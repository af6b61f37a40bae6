import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Component, DefineComponent } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { consultationsApi, type Consultation } from '@/shared/api/consultations'
import { configureHttp, resetHttp } from '@/shared/api/http'
import ConsultButton from '@/shared/components/ConsultButton.vue'
import { applyLocale, i18n } from '@/shared/i18n'
import { noticeHeading } from '@/shared/layout/noticeHeading'
import { live } from '@/shared/live'
import { useSessionStore } from '@/shared/stores/session'
import ConsultationDetailView from '@/portal/views/ConsultationDetailView.vue'
import ConsoleConsultationsView from '@/console/views/ConsultationsView.vue'
import ConsoleConsultationDetailView from '@/console/views/ConsultationDetailView.vue'
import { fakeFetch, json, type Handler } from './fixtures/fetch'
import { makeUser } from './fixtures/users'

function consultation(overrides: Partial<Consultation> = {}): Consultation {
  return {
    id: 12,
    question: '博士后可以申请安家补贴吗？',
    unit: { id: 4, name: '崂山区' },
    due_at: '2026-11-30T17:00:00+08:00',
    status: 'open',
    context: { type: 'policy', id: 31, version: 2, title: '崂山区人才政策' },
    created_at: '2026-11-26T10:00:00+08:00',
    ...overrides,
  }
}

function liveMessage(message: Record<string, unknown>): void {
  ;(live as unknown as { dispatch(m: Record<string, unknown>): void }).dispatch(message as { type: string })
}

async function mountWith(component: Component, routes: Record<string, Handler>, path: string, props: Record<string, unknown> = {}, signedIn = true) {
  const fetchImpl = fakeFetch({ 'GET /api/v1/auth/me': () => json(200, { user: signedIn ? makeUser({ roles: ['investor'] }) : null, csrf_token: 't' }), ...routes })
  configureHttp({ fetch: fetchImpl, locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  await useSessionStore().refresh()
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component as DefineComponent, { props, global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, fetchImpl }
}

async function settle(ms = 150): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
}

const dialog = () => document.querySelector('[data-testid="consult-dialog"]') as HTMLElement | null

describe('consultation API client', () => {
  afterEach(() => resetHttp())

  it('asks with the context, reads, answers and publishes an FAQ', async () => {
    const bodies: Record<string, unknown> = {}
    const fetchImpl = fakeFetch({
      'POST /api/v1/consultations': (_u, init) => ((bodies.ask = JSON.parse(String(init.body))), json(201, consultation())),
      'GET /api/v1/consultations/12': () => json(200, { consultation: consultation({ status: 'answered', answers: [{ answer: '可以。', by: { id: 5, name: '李专员' }, answered_at: '2026-11-26T11:00:00+08:00' }] }) }),
      'POST /api/v1/consultations/12/answer': (_u, init) => ((bodies.answer = JSON.parse(String(init.body))), json(200, consultation({ status: 'answered' }))),
      'POST /api/v1/consultations/12/publish-faq': (_u, init) => ((bodies.faq = JSON.parse(String(init.body))), json(200, { consultation: consultation({ status: 'answered', faq_document_id: 90 }) })),
    })
    configureHttp({ fetch: fetchImpl })
    const made = await consultationsApi.ask({ question: '问题', context_type: 'policy', context_id: 31 })
    expect(made.unit?.name).toBe('崂山区')
    expect(bodies.ask).toEqual({ question: '问题', context_type: 'policy', context_id: 31 })
    expect((await consultationsApi.get(12)).answers?.[0]?.answer).toBe('可以。')
    expect((await consultationsApi.answer(12, '可以。')).status).toBe('answered')
    expect(bodies.answer).toEqual({ answer: '可以。' })
    expect((await consultationsApi.publishFaq(12, { question: '匿名问题', answer: '可以。' })).faq_document_id).toBe(90)
    expect(bodies.faq).toEqual({ question: '匿名问题', answer: '可以。' })
  })
})

describe('the 咨询 dialog', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('shows the context, checks the question, shows the server’s 422 under the field, then the unit and due time', async () => {
    let reply = () => json(422, { error: { code: 'validation_failed', message: '请检查填写的内容', fields: { question: '问题太短' } } })
    const sent: unknown[] = []
    const { wrapper, fetchImpl } = await mountWith(
      ConsultButton,
      { 'POST /api/v1/consultations': (_u, init) => (sent.push(JSON.parse(String(init.body))), reply()) },
      '/documents/31',
      { contextType: 'policy', contextId: 31, contextTitle: '崂山区人才政策' },
    )
    await wrapper.find('[data-testid="consult-policy"]').trigger('click')
    await settle()
    expect(dialog()?.querySelector('[data-testid="consult-context"]')?.textContent).toContain('政策')
    expect(dialog()?.querySelector('[data-testid="consult-context"]')?.textContent).toContain('崂山区人才政策')

    ;(dialog()!.querySelector('[data-testid="consult-send"]') as HTMLElement).click()
    await settle()
    expect(dialog()!.textContent).toContain('必填')
    expect(fetchImpl.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false)

    const textarea = dialog()!.querySelector('textarea[data-testid="consult-question"]') as HTMLTextAreaElement
    textarea.value = '可以'
    textarea.dispatchEvent(new Event('input'))
    ;(dialog()!.querySelector('[data-testid="consult-send"]') as HTMLElement).click()
    await settle()
    expect(sent[0]).toEqual({ question: '可以', context_type: 'policy', context_id: 31 })
    expect(dialog()!.textContent).toContain('问题太短')
    expect(dialog()!.textContent).toContain('请检查填写的内容')

    reply = () => json(201, consultation())
    ;(dialog()!.querySelector('[data-testid="consult-send"]') as HTMLElement).click()
    await settle()
    expect(dialog()!.querySelector('[data-testid="consult-unit"]')?.textContent).toBe('崂山区')
    expect(dialog()!.querySelector('[data-testid="consult-due"]')?.textContent).toBe('2026-11-30 17:00')
    expect(dialog()!.querySelector('[data-testid="consult-open"]')?.getAttribute('href')).toBe('/consultations/12')
    wrapper.unmount()
  })

  it('sends signed-out visitors to sign in, coming back with the dialog asked for', async () => {
    const { wrapper, router } = await mountWith(ConsultButton, {}, '/documents/31?x=1', { contextType: 'policy', contextId: 31 }, false)
    await wrapper.find('[data-testid="consult-policy"]').trigger('click')
    // The sign-in page is loaded lazily: wait for the navigation to land.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('portal-login'), { timeout: 5000 })
    expect(router.currentRoute.value.query.redirect).toBe('/documents/31?x=1&consult=policy')
    expect(dialog()).toBeNull()
    wrapper.unmount()
  })

  it('opens by itself after signing in', async () => {
    const { wrapper, router } = await mountWith(ConsultButton, {}, '/documents/31?consult=policy', { contextType: 'policy', contextId: 31, contextTitle: '崂山区人才政策' })
    await flushPromises()
    expect(dialog()).not.toBeNull()
    expect(router.currentRoute.value.query).toEqual({})
    wrapper.unmount()
  })
})

describe('following a consultation', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('shows the answer as soon as it arrives live', async () => {
    let current = consultation()
    const { wrapper } = await mountWith(ConsultationDetailView, { 'GET /api/v1/consultations/12': () => json(200, current) }, '/consultations/12', { id: '12' })
    expect(wrapper.find('[data-testid="consult-waiting"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="consult-unit"]').text()).toBe('崂山区')
    expect(wrapper.find('[data-testid="consult-status"]').attributes('data-status')).toBe('open')

    current = consultation({ status: 'answered', answers: [{ answer: '可以，按同等条件申请。', by: { id: 5, name: '李专员' }, unit: { id: 4, name: '崂山区' }, answered_at: '2026-11-26T11:00:00+08:00', on_time: true }] })
    liveMessage({ type: 'consultation.answered', consultation_id: 99 })
    await flushPromises()
    expect(wrapper.find('[data-testid="consult-answer"]').exists()).toBe(false)
    liveMessage({ type: 'consultation.answered', consultation_id: 12 })
    await flushPromises()
    expect(wrapper.find('[data-testid="consult-answer"]').text()).toContain('可以，按同等条件申请。')
    expect(wrapper.find('[data-testid="consult-answer"]').text()).toContain('崂山区 · 李专员')
    expect(wrapper.find('[data-testid="consult-status"]').attributes('data-status')).toBe('answered')
    wrapper.unmount()
  })

  it('offers the transfer only while the server does, and drops it on a 409', async () => {
    let current = consultation({ actions: ['answer', 'transfer'] })
    const { wrapper } = await mountWith(
      ConsoleConsultationDetailView,
      {
        'GET /api/v1/consultations/12': () => json(200, { consultation: current }),
        'POST /api/v1/consultations/12/transfer': () => {
          // The triage window closed meanwhile: the server refuses and offers no transfer now.
          current = consultation({ actions: ['answer'] })
          return json(409, { error: { code: 'conflict', message: '已超过转办时限' } })
        },
      },
      '/console/consultations/12',
      { id: '12' },
    )
    expect(wrapper.find('[data-testid="transfer-send"]').exists()).toBe(true)
    const form = wrapper.findComponent({ name: 'UnitSelect' })
    form.vm.$emit('update:modelValue', 7)
    await wrapper.find('[data-testid="transfer-reason"]').setValue('属市南区')
    await wrapper.find('[data-testid="transfer-send"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="transfer-send"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="answer-send"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('lists the unit’s questions with the overdue ones in red', async () => {
    const urls: string[] = []
    const { wrapper } = await mountWith(
      ConsoleConsultationsView,
      {
        'GET /api/v1/consultations': (url) => (
          urls.push(url),
          json(200, {
            items: [consultation({ id: 1, overdue: true, due_at: '2026-11-20T17:00:00+08:00' }), consultation({ id: 2, due_at: new Date(Date.now() + 3 * 86400_000).toISOString() })],
            total: 2,
            page: 1,
            page_size: 20,
          })
        ),
      },
      '/console/consultations',
    )
    expect(urls[0]).toContain('status=open')
    const rows = wrapper.findAll('.consult-row')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.classes()).toContain('is-overdue')
    expect(rows[0]!.find('[data-testid="due-badge"]').attributes('data-state')).toBe('overdue')
    expect(rows[0]!.find('[data-testid="consult-status"]').attributes('data-status')).toBe('overdue')
    expect(rows[1]!.classes()).not.toContain('is-overdue')
    expect(rows[1]!.find('[data-testid="due-badge"]').attributes('data-state')).toBe('ok')

    wrapper.findComponent({ name: 'ElRadioGroup' }).vm.$emit('update:modelValue', 'overdue')
    await flushPromises()
    expect(Object.fromEntries(new URL(urls.at(-1)!, 'http://x').searchParams)).toEqual({ status: 'open', overdue: 'true', page: '1', page_size: '20' })
    wrapper.unmount()
  })
})

describe('consultation notices', () => {
  it('are worded in both languages', async () => {
    const t = (key: string) => i18n.global.t(key)
    const te = (key: string) => i18n.global.te(key)
    await applyLocale('zh-CN')
    expect(noticeHeading({ kind: 'consultation.answered', title: 'x' }, t, te)).toBe('咨询已答复')
    expect(noticeHeading({ kind: 'consultation.routed', title: 'x' }, t, te)).toBe('收到新的咨询')
    await applyLocale('en')
    expect(noticeHeading({ kind: 'consultation.overdue', title: 'x' }, t, te)).toBe('Question overdue')
    await applyLocale('zh-CN')
  })
})
