import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Component, DefineComponent } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { listAllProjects, type Project, type ProjectSummary } from '@/shared/api/projects'
import { applyLocale, i18n } from '@/shared/i18n'
import { csvField, freshnessLevel, projectsCsv, sumByCurrency } from '@/shared/projects/format'
import { groupTimeline, timelineView } from '@/shared/projects/timeline'
import {
  emptyProjectForm,
  emptyUpdateForm,
  projectBody,
  projectChanges,
  projectForm,
  tenThousandsFromUnits,
  updateBody,
  validateProject,
  validateUpdate,
} from '@/shared/projects/validation'
import { useSessionStore } from '@/shared/stores/session'
import ProjectDetailView from '@/console/views/ProjectDetailView.vue'
import ProjectsView from '@/console/views/ProjectsView.vue'
import MyProjectsView from '@/portal/views/MyProjectsView.vue'
import { fakeFetch, json } from './fixtures/fetch'
import { sampleTree } from './fixtures/units'
import { makeUser } from './fixtures/users'

const STAGE_CODES = ['planning', 'negotiating', 'signed', 'registered', 'started', 'building', 'operating', 'full_capacity']
const STAGE_NAMES = ['谋划', '洽谈', '签约', '注册', '开工', '建设', '投产', '达产']

function stages(current: string, dates: Record<string, { planned_on?: string; actual_on?: string }> = {}) {
  const at = STAGE_CODES.indexOf(current)
  return STAGE_CODES.map((code, i) => ({
    code,
    name: STAGE_NAMES[i] ?? code,
    landed: i >= 3,
    planned_on: dates[code]?.planned_on ?? null,
    actual_on: dates[code]?.actual_on ?? null,
    reached: i <= at,
    current: i === at,
  }))
}

function summary(overrides: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: 5,
    name: '氢能重卡整车项目',
    code_name: 'H-7',
    company: '青岛示例氢能汽车有限公司',
    credit_code: null,
    industry: 'nev',
    capital_type: 'domestic',
    investment_total: '600000000',
    currency: 'CNY',
    undertaking_unit: { id: 12, name: '城阳区' },
    collaborating_units: [{ id: 3, name: '黄岛区' }],
    source: 'unit',
    meeting_id: null,
    event_id: null,
    intent_id: null,
    flags: { signed_large: true, campaign: false, task_force_unit: null },
    stage: 'signed',
    stage_name: '签约',
    created_by: { id: 2, name: '市商务局业务员' },
    created_at: '2026-11-20T09:00:00+08:00',
    last_update_at: '2026-11-26T10:00:00+08:00',
    freshness_days: 0,
    ...overrides,
  }
}

function project(overrides: Partial<Project> = {}): Project {
  return {
    ...summary(),
    stages: stages('signed', { signed: { actual_on: '2026-11-26' }, registered: { planned_on: '2026-12-20' } }),
    funds: [],
    timeline: [
      { at: '2026-11-20T09:00:00+08:00', kind: 'registered', actor_name: '市商务局业务员', text: '', detail: 'unit' },
      { at: '2026-11-26T10:00:00+08:00', kind: 'updated', actor_name: '城阳区工作人员', text: '签订投资协议', detail: null },
      { at: '2026-11-26T10:00:00+08:00', kind: 'stage', actor_name: '城阳区工作人员', text: '', detail: 'planning>signed' },
      { at: '2026-11-26T10:00:00+08:00', kind: 'dates', actor_name: '城阳区工作人员', text: '', detail: 'signed - 2026-11-26' },
    ],
    ...overrides,
  }
}

const INDUSTRIES = { items: [{ code: 'nev', kind: 'chain', name_zh: '智能网联新能源汽车', name_en: 'Connected NEVs', group: 'emerging' }] }
const STAGES = { items: STAGE_CODES.map((code, i) => ({ code, name_zh: STAGE_NAMES[i], name_en: code, position: i + 1, landed: i >= 3 })) }

async function settle(ms = 130): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
}

async function mountView(component: Component, fetchImpl: typeof fetch, path: string, props: Record<string, unknown> = {}, permissions: string[] = []) {
  configureHttp({ fetch: fetchImpl, csrfToken: () => 'csrf-1', locale: () => i18n.global.locale.value })
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser({ permissions: ['dispatch:project:read', ...permissions] })
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component as DefineComponent, { props, global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('project helpers', () => {
  beforeEach(() => applyLocale('zh-CN'))

  it('converts amounts between yuan and 万 without floating point', () => {
    expect(tenThousandsFromUnits('600000000')).toBe('60000')
    expect(tenThousandsFromUnits('15000')).toBe('1.5')
    expect(tenThousandsFromUnits('1.25')).toBe('0.000125')
    expect(tenThousandsFromUnits('0')).toBe('0')
    expect(sumByCurrency([
      { amount: '0.1', currency: 'CNY' },
      { amount: '0.2', currency: 'CNY' },
      { amount: '100', currency: 'USD' },
    ])).toEqual([
      { currency: 'CNY', amount: '0.3' },
      { currency: 'USD', amount: '100' },
    ])
  })

  it('ages freshness and escapes CSV fields', () => {
    expect(freshnessLevel(0)).toBe('fresh')
    expect(freshnessLevel(14)).toBe('ageing')
    expect(freshnessLevel(30)).toBe('stale')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvField('-12.5')).toBe('-12.5')
    const { t, te } = i18n.global
    const csv = projectsCsv([summary({ name: '项目,甲', light: 'red' })], { t, te, locale: 'zh-CN', industries: INDUSTRIES.items })
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toContain('项目名称')
    expect(lines[1]).toContain('"项目,甲"')
    expect(lines[1]).toContain('智能网联新能源汽车')
    expect(lines[1]).toContain('红灯')
    expect(lines[1]).toContain('单位自报')
  })

  it('checks the registration form and builds its body in currency units', () => {
    const form = emptyProjectForm(12)
    const problems = validateProject(form, true)
    expect(problems.name).toBe('validation.required')
    expect(problems.investment_total).toBe('validation.required')
    expect(problems.undertaking_unit_id).toBeNull()
    Object.assign(form, { name: '氢能', company: '示例', industry: 'nev', investment: '60000', capital_type: 'foreign', source: 'intent', source_id: '' })
    expect(validateProject(form, true).intent_id).toBe('validation.required')
    form.source_id = 'x1'
    expect(validateProject(form, true).intent_id).toBe('intake.validation.wholeNumber')
    form.source_id = '41'
    form.collaborating_unit_ids = [12]
    expect(validateProject(form, true).collaborating_unit_ids).toBe('dispatch.validation.collaboratorIsUndertaker')
    form.collaborating_unit_ids = [3]
    expect(Object.values(validateProject(form, true)).filter(Boolean)).toEqual([])
    expect(projectBody(form)).toMatchObject({ investment_total: '600000000', currency: 'USD', intent_id: 41, undertaking_unit_id: 12, collaborating_unit_ids: [3] })
  })

  it('checks contacts, the video address and a confidential project’s code name', () => {
    const form = { ...emptyProjectForm(12), name: '氢能', company: '示例', industry: 'nev', investment: '1' }
    form.confidential = true
    form.code_name = ''
    form.site_video_url = 'http://cam.example/1'
    form.contacts = [{ name: '', role: '总经理', phone: '', email: '' }, { name: '王经理', role: '', phone: '123', email: '' }]
    const problems = validateProject(form, true)
    expect(problems.code_name).toBe('dispatch.validation.codeNameRequired')
    expect(problems.site_video_url).toBe('dispatch.validation.https')
    expect(problems['contacts[0].name']).toBe('validation.required')
    expect(problems['contacts[0].phone']).toBe('dispatch.validation.phoneOrEmail')
    expect(problems['contacts[1].phone']).toBe('validation.phone')
    form.code_name = 'H-9'
    form.site_video_url = 'https://cam.example/1'
    form.contacts = [{ name: '王经理', role: '总经理', phone: '13800138000', email: '' }]
    expect(Object.values(validateProject(form, true)).filter(Boolean)).toEqual([])
    expect(projectBody(form)).toMatchObject({ confidential: true, code_name: 'H-9', site_video_url: 'https://cam.example/1', contacts: [{ name: '王经理', role: '总经理', phone: '13800138000' }] })
  })

  it('sends only what an edit changed', () => {
    const p = project()
    const form = projectForm(p)
    expect(form.investment).toBe('60000')
    expect(projectChanges(form, p)).toEqual({})
    form.code_name = 'H-8'
    form.collaborating_unit_ids = []
    form.investment = '70000'
    expect(projectChanges(form, p)).toEqual({ code_name: 'H-8', collaborating_unit_ids: [], investment_total: '700000000', currency: 'CNY' })
  })

  it('checks a dispatch update and names the API fields', () => {
    const form = emptyUpdateForm()
    Object.assign(form, { with_funds: true, arrived_on: '2026-11-27', amount: '', stage_dates: [{ stage: 'registered', planned_on: '', actual_on: '' }] })
    const problems = validateUpdate(form, '2026-11-26')
    expect(problems.text).toBe('validation.required')
    expect(problems['funds.arrived_on']).toBe('dispatch.validation.notFuture')
    expect(problems['funds.amount']).toBe('validation.required')
    expect(problems['stage_dates[0].planned_on']).toBe('dispatch.validation.oneDate')
    Object.assign(form, { text: '到账', arrived_on: '2026-11-25', amount: '1.5', stage: 'registered' })
    form.stage_dates[0]!.planned_on = '2026-12-20'
    expect(Object.values(validateUpdate(form, '2026-11-26')).filter(Boolean)).toEqual([])
    form.procedures = [{ code: 'land', status: 'approved', applied_on: '2026-11-20', approved_on: '2026-11-10' }]
    expect(validateUpdate(form, '2026-11-26')['procedures[0].approved_on']).toBe('dispatch.validation.decidedBeforeApplied')
    form.procedures = []
    expect(updateBody(form, 'foreign')).toEqual({
      text: '到账',
      stage: 'registered',
      funds: { arrived_on: '2026-11-25', amount: '15000', currency: 'USD' },
      stage_dates: [{ stage: 'registered', planned_on: '2026-12-20' }],
    })
  })

  it('groups the timeline by dispatch record and words each entry', () => {
    const p = project()
    expect(groupTimeline(p.timeline, (e) => e.kind).map((g) => g.lines.length)).toEqual([1, 3])
    const { t, te } = i18n.global
    const view = timelineView(p.timeline, { t, te, locale: 'zh-CN', stages: p.stages })
    expect(view[0]?.lines.map((l) => l.text)).toEqual(['签订投资协议', '阶段：谋划 → 签约', '签约：计划 —，实际 2026-11-26'])
    expect(view[1]?.lines[0]?.text).toBe('登记项目（来源：单位自报）')
    // Records written out of time order still read newest first.
    const late = timelineView([...p.timeline, { at: '2026-11-22T09:00:00+08:00', kind: 'funds', actor_name: null, text: '', detail: '2026-11-22 1000000 CNY' }], { t, te, locale: 'zh-CN', stages: p.stages })
    expect(late.map((g) => g.at)).toEqual(['2026-11-26T10:00:00+08:00', '2026-11-22T09:00:00+08:00', '2026-11-20T09:00:00+08:00'])
    expect(late[1]?.lines[0]?.text).toBe('2026-11-22 到账 100万元')
  })

  it('walks every page of the filtered list for the export', async () => {
    const pages: string[] = []
    configureHttp({
      fetch: fakeFetch({
        'GET /api/v1/projects': (url) => {
          pages.push(new URL(url, 'http://x').searchParams.get('page') ?? '')
          const page = Number(new URL(url, 'http://x').searchParams.get('page'))
          const items = page === 1 ? Array.from({ length: 100 }, (_, i) => summary({ id: i + 1 })) : [summary({ id: 101 })]
          return json(200, { items, total: 101, page, page_size: 100 })
        },
      }),
    })
    const all = await listAllProjects({ stage: 'signed' })
    expect(all).toHaveLength(101)
    expect(pages).toEqual(['1', '2'])
    resetHttp()
  })
})

describe('key-project pages', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  it('lists projects with stage and freshness, and sends the filters', async () => {
    const queries: URLSearchParams[] = []
    const fetchImpl = fakeFetch({
      'GET /api/v1/projects': (url) => {
        const query = new URL(url, 'http://x').searchParams
        queries.push(query)
        const items = query.get('q') ? [] : [summary(), summary({ id: 6, name: '旧项目', freshness_days: 45, stage: 'planning', stage_name: '谋划', light: 'red' })]
        return json(200, { items, total: items.length, page: 1, page_size: 20 })
      },
      'GET /api/v1/stages': () => json(200, STAGES),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
      'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }),
    })
    const { wrapper, router } = await mountView(ProjectsView, fetchImpl, '/console/projects?stale_days=30', {}, ['dispatch:project:create'])
    await settle()
    expect(queries[0]?.get('stale_days')).toBe('30')
    const rows = wrapper.findAll('[data-testid="project-row"]')
    expect(rows).toHaveLength(2)
    const fresh = wrapper.findAll('[data-testid="project-freshness"]')
    expect(fresh[0]?.text()).toBe('今天已更新')
    expect(fresh[1]?.text()).toBe('45 天未更新')
    expect(fresh[1]?.attributes('data-level')).toBe('stale')
    expect(wrapper.find('[data-testid="project-light"]').attributes('data-light')).toBe('red')
    expect(wrapper.find('[data-testid="project-register"]').exists()).toBe(true)

    await wrapper.find('input[data-testid="projects-search"]').setValue('没有')
    await settle(350)
    expect(queries.at(-1)?.get('q')).toBe('没有')
    expect(router.currentRoute.value.query.q).toBe('没有')
    expect(wrapper.find('[data-testid="state-empty"]').text()).toContain('没有符合')
    wrapper.unmount()
  })

  it('hides registration from those who may not register', async () => {
    const fetchImpl = fakeFetch({
      'GET /api/v1/projects': () => json(200, { items: [], total: 0, page: 1, page_size: 20 }),
      'GET /api/v1/stages': () => json(200, STAGES),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
    })
    const { wrapper } = await mountView(ProjectsView, fetchImpl, '/console/projects')
    await settle()
    expect(wrapper.find('[data-testid="project-register"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="state-empty"]').text()).toContain('还没有登记的重点项目')
    wrapper.unmount()
  })

  it('records an update and shows the server’s field messages when refused', async () => {
    let current = project()
    const bodies: unknown[] = []
    let refuse = true
    const fetchImpl = fakeFetch({
      'GET /api/v1/projects/5': () => json(200, { project: current }),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
      'POST /api/v1/projects/5/updates': (_url, init) => {
        bodies.push(JSON.parse(String(init.body)))
        if (refuse) return json(422, { error: { code: 'validation_failed', message: '请检查填写的内容', fields: { stage: '阶段无效' } } })
        current = project({ stage: 'registered', stage_name: '注册', stages: stages('registered') })
        return json(201, { project: current })
      },
    })
    const { wrapper } = await mountView(ProjectDetailView, fetchImpl, '/console/projects/5', { id: '5' }, ['dispatch:project:update'])
    await settle()
    expect(wrapper.find('[data-testid="project-title"]').text()).toContain('氢能重卡整车项目')
    expect(wrapper.find('[data-testid="project-stages"]').attributes('data-stage')).toBe('signed')
    expect(wrapper.find('[data-testid="project-timeline"]').text()).toContain('阶段：谋划 → 签约')

    await wrapper.find('form[data-testid="project-update-form"]').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="update-error"]').exists()).toBe(true)
    expect(bodies).toHaveLength(0)

    await wrapper.find('textarea[data-testid="update-text"]').setValue('完成注册')
    await wrapper.find('form[data-testid="project-update-form"]').trigger('submit')
    await settle()
    expect(bodies).toEqual([{ text: '完成注册' }])
    expect(wrapper.text()).toContain('阶段无效')
    expect(wrapper.find('[data-testid="update-error"]').text()).toContain('请检查填写的内容')

    refuse = false
    await wrapper.find('form[data-testid="project-update-form"]').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="project-stages"]').attributes('data-stage')).toBe('registered')
    expect(wrapper.find('[data-testid="update-error"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('offers no update form or edit button without the update permission', async () => {
    const fetchImpl = fakeFetch({
      'GET /api/v1/projects/5': () => json(200, { project: project({ funds: [{ id: 1, arrived_on: '2026-11-25', amount: '1000000', currency: 'CNY' }] }) }),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
    })
    const { wrapper } = await mountView(ProjectDetailView, fetchImpl, '/console/projects/5', { id: '5' })
    await settle()
    expect(wrapper.find('[data-testid="project-update-form"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="project-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="funds-total"]').text()).toBe('100万元')
    wrapper.unmount()
  })

  it('shows the investor each project’s stages and milestones', async () => {
    const fetchImpl = fakeFetch({
      'GET /api/v1/projects': () => json(200, { items: [summary({ intent_id: 41 })], total: 1, page: 1, page_size: 10 }),
      'GET /api/v1/projects/5/progress': () =>
        json(200, {
          project_id: 5,
          name: '氢能重卡整车项目',
          current: 'signed',
          stages: stages('signed', { signed: { actual_on: '2026-11-26' }, registered: { planned_on: '2026-12-20' } }),
          last_update_at: '2026-11-26T10:00:00+08:00',
          freshness_days: 0,
        }),
    })
    const { wrapper } = await mountView(MyProjectsView, fetchImpl, '/projects')
    await settle()
    const card = wrapper.find('[data-testid="my-project"]')
    expect(card.find('[data-testid="project-stages"]').attributes('data-stage')).toBe('signed')
    expect(card.find('.pstages__item.is-current').attributes('data-stage')).toBe('signed')
    expect(card.findAll('.pstages__item.is-done')).toHaveLength(2)
    expect(card.find('[data-testid="milestones"]').text()).toContain('2026-11-26')
    expect(card.find('[data-testid="milestones"]').text()).toContain('计划进入注册阶段')
    wrapper.unmount()
  })

  it('shows why the light is red, reveals a confidential project after confirming, and merges a duplicate', async () => {
    let merged: unknown = null
    const fetchImpl = fakeFetch({
      'GET /api/v1/projects/5': () =>
        json(200, {
          project: project({
            company: '***',
            confidential: true,
            can_reveal: true,
            light: 'red',
            light_reasons: [
              { code: 'not_updated', level: 'red', days: 31 },
              { code: 'behind_plan', level: 'yellow', stage: 'registered', days: 20 },
            ],
            possible_duplicates: [{ type: 'project', id: 8, title: '氢能重卡项目', why: '统一社会信用代码相同' }],
            procedures: [{ code: 'land', name: '用地预审', status: 'in_progress', applied_on: '2026-11-01', approved_on: null }],
          }),
        }),
      'GET /api/v1/industries': () => json(200, INDUSTRIES),
      'POST /api/v1/projects/5/reveal': () =>
        json(200, { project_id: 5, name: '氢能重卡整车项目', company: '青岛真实氢能有限公司', credit_code: null, investment_total: '600000000', currency: 'CNY', notes: null, funds: [] }),
      'POST /api/v1/projects/5/merge': (_url, init) => {
        merged = JSON.parse(String(init.body))
        return json(200, { project: project() })
      },
    })
    const { wrapper } = await mountView(ProjectDetailView, fetchImpl, '/console/projects/5', { id: '5' }, ['dispatch:project:update', 'dispatch:project:merge'])
    await settle()
    expect(wrapper.find('[data-testid="project-light"]').attributes('data-light')).toBe('red')
    expect(wrapper.find('[data-testid="light-reasons"]').text()).toContain('31 天未更新调度')
    expect(wrapper.find('[data-testid="light-reasons"]').text()).toContain('注册阶段比计划晚 20 天')
    expect(wrapper.find('[data-testid="project-procedures"]').text()).toContain('办理中')

    await wrapper.find('[data-testid="project-reveal"]').trigger('click')
    await settle()
    ;(document.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
    await settle(300)
    expect(document.querySelector('[data-testid="revealed-company"]')?.textContent).toBe('青岛真实氢能有限公司')

    await wrapper.find('[data-testid="project-merge"]').trigger('click')
    await settle()
    expect(merged).toBeNull()
    const buttons = document.querySelectorAll('.el-message-box__btns .el-button--primary')
    ;(buttons[buttons.length - 1] as HTMLElement).click()
    await settle(300)
    expect(merged).toEqual({ duplicate_id: 8 })
    wrapper.unmount()
  })
})
