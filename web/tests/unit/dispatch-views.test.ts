import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Component, DefineComponent } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { formatFillRate, type Meeting } from '@/shared/api/meetings'
import type { Instruction, Ticket } from '@/shared/api/supervision'
import { applyLocale, i18n } from '@/shared/i18n'
import { useSessionStore } from '@/shared/stores/session'
import InstructionsView from '@/console/views/InstructionsView.vue'
import MeetingDetailView from '@/console/views/MeetingDetailView.vue'
import TicketsView from '@/console/views/TicketsView.vue'
import { fakeFetch, json } from './fixtures/fetch'
import { sampleTree } from './fixtures/units'
import { makeUser } from './fixtures/users'

async function settle(ms = 130): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
}
async function mountView(component: Component, fetchImpl: typeof fetch, path: string, props: Record<string, unknown>, permissions: string[], roles = ['unit_lead']) {
  configureHttp({ fetch: fetchImpl, csrfToken: () => 'csrf-1', locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser({ roles, permissions })
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component as DefineComponent, { props, global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

function meeting(overrides: Partial<Meeting['receipts'][number]> = {}): Meeting {
  return {
    id: 3,
    category: 'reception',
    leaders: ['张市长'],
    held_on: '2026-11-25',
    place: '市政府会见厅',
    company: '青岛示例储能科技有限公司',
    summary: '洽谈储能电池项目。',
    follow_ups: null,
    created_by: { id: 2, name: '市商务局业务员' },
    created_at: '2026-11-25T10:00:00+08:00',
    counts: { pushed: 1, read: 0, unread: 1, reported: 0 },
    receipts: [
      {
        unit: { id: 12, name: '城阳区' },
        pushed_at: '2026-11-25T10:05:00+08:00',
        report_due_at: '2026-12-02T10:05:00+08:00',
        read: false,
        read_at: null,
        read_by: null,
        report_status: 'pending',
        reported_at: null,
        reported_by: null,
        on_time: null,
        project_id: null,
        no_project_reason: null,
        ...overrides,
      },
    ],
  }
}

describe('dispatch pages', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('writes the fill rate as a percentage without floating point drift', () => {
    expect(formatFillRate('0.6667')).toBe('66.7%')
    expect(formatFillRate('1.0000')).toBe('100.0%')
    expect(formatFillRate('0.0000')).toBe('0.0%')
    expect(formatFillRate('0.0005')).toBe('0.1%')
  })

  it('marks a pushed meeting read on opening and sends the unit’s answer', async () => {
    let current = meeting()
    const posts: { path: string; body: unknown }[] = []
    const fetchImpl = fakeFetch({
      'GET /api/v1/meetings/3': () => json(200, { meeting: current }),
      'GET /api/v1/projects': () => json(200, { items: [], total: 0, page: 1, page_size: 100 }),
      'POST /api/v1/meetings/3/read': (url) => {
        posts.push({ path: url, body: null })
        current = meeting({ read: true, read_at: '2026-11-26T09:00:00+08:00', read_by: { id: 7, name: '城阳区负责人' } })
        return json(200, { meeting: current })
      },
      'POST /api/v1/meetings/3/report': (url, init) => {
        posts.push({ path: url, body: JSON.parse(String(init.body)) })
        current = meeting({ read: true, report_status: 'reported', no_project_reason: '企业仍在比选', on_time: true })
        return json(200, { meeting: current })
      },
    })
    const wrapper = await mountView(MeetingDetailView, fetchImpl, '/console/meetings/3', { id: '3' }, ['dispatch:meeting:read', 'dispatch:meeting:report', 'dispatch:project:read'])
    await settle()
    expect(posts.map((p) => p.path)).toEqual(['/api/v1/meetings/3/read'])
    expect(wrapper.find('[data-testid="receipt-read"]').text()).toContain('城阳区负责人')
    expect(wrapper.find('[data-testid="meeting-push"]').exists()).toBe(false)

    await wrapper.find('[data-testid="report-submit"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="meeting-report"]').text()).toContain('必填')
    expect(posts).toHaveLength(1)

    await wrapper.find('[data-testid="report-none-kind"] input').setValue(true)
    await flushPromises()
    await wrapper.find('textarea[data-testid="report-reason"]').setValue('企业仍在比选')
    await wrapper.find('[data-testid="report-submit"]').trigger('click')
    await settle()
    expect(posts[1]?.body).toEqual({ no_project_reason: '企业仍在比选' })
    expect(wrapper.find('[data-testid="my-answer"]').text()).toContain('企业仍在比选')
    expect(wrapper.find('[data-testid="receipt-status"]').attributes('data-status')).toBe('reported')
    wrapper.unmount()
  })

  it('offers each ticket step to whoever takes it', async () => {
    const ticket: Ticket = {
      id: 9,
      reason: 'manual',
      state: 'issued',
      unit_id: 1,
      project: null,
      subject_key: 'manual:9',
      text: '请更新项目进展',
      due_at: '2026-11-26T17:00:00+08:00',
      overdue: true,
      overdue_since: '2026-11-26T17:00:00+08:00',
      escalation_level: 1,
      created_by: 2,
      created_at: '2026-11-25T10:00:00+08:00',
      closed_at: null,
      steps: [{ state: 'issued', text: '请更新项目进展', actor_name: '市商务局业务员', at: '2026-11-25T10:00:00+08:00', due_at: null, on_time: null }],
    }
    let acted: unknown = null
    const routes = {
      'GET /api/v1/tickets': () => json(200, { items: [ticket], total: 1, page: 1, page_size: 20 }),
      'GET /api/v1/tickets/9': () => json(200, { ticket }),
      'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }),
      'POST /api/v1/tickets/9/sign': (_url: string, init: RequestInit) => {
        acted = JSON.parse(String(init.body))
        return json(200, { ticket: { ...ticket, state: 'signed_for', overdue: false } })
      },
    }
    const unit = await mountView(TicketsView, fakeFetch(routes), '/console/tickets/9', { id: '9' }, ['dispatch:ticket:read', 'dispatch:ticket:handle'])
    await settle()
    expect(unit.find('[data-testid="ticket-row"]').attributes('data-overdue')).toBe('true')
    expect(document.querySelector('[data-testid="ticket-dialog-state"]')?.getAttribute('data-state')).toBe('issued')
    ;(document.querySelector('[data-testid="ticket-sign"]') as HTMLElement).click()
    await settle()
    expect(acted).toEqual({})
    expect(document.querySelector('[data-testid="ticket-dialog-state"]')?.getAttribute('data-state')).toBe('signed_for')
    unit.unmount()
    document.body.innerHTML = ''

    const bureau = await mountView(TicketsView, fakeFetch(routes), '/console/tickets/9', { id: '9' }, ['dispatch:ticket:read', 'dispatch:ticket:review'], ['bureau_operator'])
    await settle()
    expect(document.querySelector('[data-testid="ticket-act"]')).toBeNull()
    bureau.unmount()
  })

  it('lets a unit answer an instruction and refuses an empty answer', async () => {
    const item: Instruction = {
      id: 4,
      project: { id: 5, name: '氢能重卡整车项目' },
      unit_id: 12,
      text: '加快办理施工许可',
      due_at: '2026-11-30T17:00:00+08:00',
      author: { id: 3, name: '市领导' },
      created_at: '2026-11-26T09:00:00+08:00',
      response: null,
      responded_at: null,
      responder_name: null,
      state: 'open',
      overdue: false,
    }
    const bodies: unknown[] = []
    const fetchImpl = fakeFetch({
      'GET /api/v1/instructions': () => json(200, { items: [item], total: 1, page: 1, page_size: 20 }),
      'POST /api/v1/instructions/4/respond': (_url, init) => {
        bodies.push(JSON.parse(String(init.body)))
        return json(200, { instruction: { ...item, state: 'answered', response: '已约见住建局' } })
      },
    })
    const wrapper = await mountView(InstructionsView, fetchImpl, '/console/instructions', {}, ['dispatch:instruction:read', 'dispatch:instruction:respond'])
    await settle()
    await wrapper.find('[data-testid="instruction-respond"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="instruction"]').text()).toContain('必填')
    await wrapper.find('textarea[data-testid="instruction-reply"]').setValue('已约见住建局')
    await wrapper.find('[data-testid="instruction-respond"]').trigger('click')
    await settle()
    expect(bodies).toEqual([{ text: '已约见住建局' }])
    wrapper.unmount()
  })
})
