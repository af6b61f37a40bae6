import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { datesBetween, isWeekend } from '@/shared/api/calendar'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { cloneRules, sameRules, type RoutingRules, type RulesOverview } from '@/shared/api/routingRules'
import { applyLocale, i18n } from '@/shared/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/shared/stores/session'
import CalendarView from '@/console/views/CalendarView.vue'
import RoutingRulesView from '@/console/views/RoutingRulesView.vue'
import { makeUser } from './fixtures/users'

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const rules: RoutingRules = {
  weights: { preference: 50, industry_match: 40 },
  industry_rank_decay: 0.25,
  max_candidates: 3,
  min_score: 10,
  large_investment_cny: '500000000',
  usd_cny_rate: '7.1',
  deadlines_minutes: { acknowledge: 120, first_contact: 420, dock: 1260 },
  triage_minutes: 60,
  remind_before_minutes: 30,
  escalate_to_bureau_after_minutes: 420,
  board: { min_sample: 5, contest_window_minutes: 420 },
}

const overview: RulesOverview = {
  current: { version: 0, label: '2026-11-26.1', source: 'default', rules },
  default: { label: '2026-11-26.1', rules },
  history: [],
}

async function mountView(component: typeof RoutingRulesView | typeof CalendarView, fetchImpl: typeof fetch, permissions: string[]) {
  configureHttp({ fetch: fetchImpl, csrfToken: () => 'csrf-1', locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser({ roles: ['bureau_operator'], permissions })
  const router = createAppRouter(createMemoryHistory())
  await router.push('/console')
  await router.isReady()
  const wrapper = mount(component, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('routing rules helpers', () => {
  it('compares rules with strings as numbers and copies deeply', () => {
    const copy = cloneRules(rules)
    copy.deadlines_minutes.dock = 60
    copy.board.min_sample = 9
    expect(rules.deadlines_minutes.dock).toBe(1260)
    expect(rules.board.min_sample).toBe(5)
    expect(sameRules(rules, { ...cloneRules(rules), usd_cny_rate: '7.10' })).toBe(true)
    expect(sameRules(rules, copy)).toBe(false)
  })
})

describe('calendar helpers', () => {
  it('lists the days of a range and knows weekends', () => {
    expect(datesBetween('2027-02-06', '2027-02-08')).toEqual(['2027-02-06', '2027-02-07', '2027-02-08'])
    expect(datesBetween('2024-02-28', '2024-03-01')).toHaveLength(3)
    expect(isWeekend('2027-02-20')).toBe(true)
    expect(isWeekend('2027-02-22')).toBe(false)
  })
})

describe('RoutingRulesView', () => {
  beforeEach(() => applyLocale('en'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('shows the rules in force and a dry run with the changed rows marked', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async (url) => {
      if (String(url).endsWith('/routing/rules/dry-run'))
        return json(200, {
          compared: 2,
          changed: 1,
          items: [
            {
              intent_id: 2,
              title: 'Chip plant',
              created_at: '2026-11-27T09:00:00+08:00',
              rules_version: '2026-11-26.1',
              changed: true,
              before: [
                { unit_id: 3, unit_name: 'Shibei District', score: 40, informed_only: false },
                { unit_id: 5, unit_name: 'Huangdao District', score: 30, informed_only: false },
              ],
              after: [{ unit_id: 3, unit_name: 'Shibei District', score: 40, informed_only: false }],
            },
            {
              intent_id: 1,
              title: 'Farm',
              created_at: '2026-11-27T08:00:00+08:00',
              rules_version: '2026-11-26.1',
              changed: false,
              before: [{ unit_id: 1, unit_name: 'Commerce Bureau', score: 0, informed_only: true }],
              after: [{ unit_id: 1, unit_name: 'Commerce Bureau', score: 0, informed_only: true }],
            },
          ],
        })
      return json(200, overview)
    })
    const wrapper = await mountView(RoutingRulesView, fetchImpl, ['intake:routing:read', 'intake:routing:write'])
    expect(wrapper.find('[data-testid="rules-current"]').text()).toContain('Shipped defaults')
    expect((wrapper.find('[data-testid="rule-max-candidates"] input').element as HTMLInputElement).value).toBe('3')
    expect(wrapper.find('[data-testid="rules-save"]').attributes('disabled')).toBeDefined()

    await wrapper.find('[data-testid="rules-dry-run"]').trigger('click')
    await flushPromises()
    const [url, init] = fetchImpl.mock.calls[1] ?? []
    expect(url).toBe('/api/v1/routing/rules/dry-run')
    expect(JSON.parse(String(init?.body))).toEqual({ rules })
    expect(wrapper.find('[data-testid="dry-run-summary"]').text()).toBe('1 of the last 2 intents would be routed differently')
    expect(wrapper.findAll('[data-testid="dry-run-table"] tr.row--changed')).toHaveLength(1)
    expect(wrapper.find('.dry__unit--dropped').text()).toBe('Huangdao District')
    wrapper.unmount()
  })

  it('is read-only without the write permission', async () => {
    const wrapper = await mountView(RoutingRulesView, vi.fn<typeof fetch>(async () => json(200, overview)), ['intake:routing:read'])
    expect(wrapper.find('[data-testid="rules-dry-run"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="rules-save"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('changing them needs the routing write permission')
    wrapper.unmount()
  })
})

describe('CalendarView', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('warns about a missing year and opens on it', async () => {
    const years = {
      current_year: 2026,
      years: [
        {
          year: 2026,
          published: true,
          source: '国务院办公厅',
          holidays: [
            { date: '2026-10-01', name: '国庆节', name_zh: '国庆节', name_en: 'National Day' },
            { date: '2026-10-02', name: '国庆节', name_zh: '国庆节', name_en: 'National Day' },
          ],
          workdays: [{ date: '2026-09-27', name: '国庆节调休上班', name_zh: '国庆节调休上班', name_en: 'National Day (adjusted working day)' }],
        },
        { year: 2027, published: false, source: null, holidays: [], workdays: [] },
      ],
      warnings: [{ code: 'year_missing', year: 2027, message: '2027 年的节假日安排尚未录入：该年只按周末计算工作日。' }],
    }
    const wrapper = await mountView(CalendarView, vi.fn<typeof fetch>(async () => json(200, years)), ['reference:calendar:read', 'reference:calendar:write'])
    expect(wrapper.find('[data-testid="calendar-warning"]').text()).toContain('2027 年的节假日安排尚未录入')
    expect(wrapper.find('[data-testid="calendar-year"]').text()).toContain('未录入')
    expect(wrapper.find('[data-testid="calendar-edit"]').text()).toBe('录入 2027 年')

    await wrapper.find('[data-year="2026"] input').setValue(true)
    await flushPromises()
    expect(wrapper.find('[data-testid="calendar-holidays"]').text()).toContain('2026-10-01 – 10-02')
    expect(wrapper.find('[data-testid="calendar-workdays"]').text()).toContain('国庆节调休上班')
    wrapper.unmount()
  })
})
