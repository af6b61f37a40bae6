import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { documentsApi, inLocale, type DocumentRecord, type DocumentSummary } from '@/shared/api/documents'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { applyLocale, i18n } from '@/shared/i18n'
import { byCategory, compareDistricts, costDistricts, costFigures } from '@/portal/components/costs'
import { showsValidity, validityOf } from '@/portal/components/content'
import { filtersFromQuery, queryFromFilters, validityQuery } from '@/portal/components/filters'
import PoliciesView from '@/portal/views/PoliciesView.vue'
import PolicyDetailView from '@/portal/views/PolicyDetailView.vue'
import { fakeFetch, json } from './fixtures/fetch'
import { sampleTree } from './fixtures/units'

function policy(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id: 31,
    type: 'policy',
    title: '崂山区支持人才创新创业若干政策',
    summary: '对引进的高层次人才给予安家补贴',
    body_html: '<p>第一条 安家补贴最高 <strong>100 万元</strong>。</p>',
    region: '370212',
    dimension: 'talent',
    industries: ['ic'],
    issued_on: '2026-03-01',
    effective_on: '2026-03-01',
    expires_on: '2028-12-31',
    status: 'published',
    version: 2,
    unit: { id: 4, name: '崂山区' },
    details: null,
    attachments: [{ id: 8, name: '实施细则.pdf', content_type: 'application/pdf', size: 20480, created_at: '2026-03-01T09:00:00+08:00' }],
    versions: 2,
    faqs: [{ id: 77, question: '博士后可以申请吗？', answer_html: '<p>可以，按同等条件申请。</p>' }],
    ...overrides,
  }
}

describe('document API client', () => {
  afterEach(() => resetHttp())

  it('lists with filters, reads one (bare or wrapped), edits and acts', async () => {
    const calls: string[] = []
    const fetchImpl = fakeFetch({
      'GET /api/v1/documents': (url) => (calls.push(url), json(200, { items: [policy()], total: 1, page: 1, page_size: 20 })),
      'GET /api/v1/documents/31': () => json(200, { document: policy() }),
      'GET /api/v1/documents/32': () => json(200, policy({ id: 32 })),
      'GET /api/v1/documents/31/versions': () => json(200, { items: [{ version: 1, document: { title: '旧标题' }, written_by: { id: 3, name: '王五' }, written_at: '2026-03-01T09:00:00+08:00' }] }),
      'PATCH /api/v1/documents/31': (_u, init) => json(200, { document: policy({ title: JSON.parse(String(init.body)).title, version: 3 }) }),
      'POST /api/v1/documents/31/publish': () => json(200, { document: policy({ status: 'published' }) }),
    })
    configureHttp({ fetch: fetchImpl })
    const page = await documentsApi.list({ type: 'policy', region: '370212', dimension: '', industry: 'ic', valid: 'true', page: 1, page_size: 20 })
    expect(page.items[0]?.title).toBe('崂山区支持人才创新创业若干政策')
    expect(Object.fromEntries(new URL(calls[0]!, 'http://x').searchParams)).toEqual({ type: 'policy', region: '370212', industry: 'ic', valid: 'true', page: '1', page_size: '20' })
    expect((await documentsApi.get(31)).faqs?.[0]?.id).toBe(77)
    expect((await documentsApi.get(32)).id).toBe(32)
    expect((await documentsApi.versions(31)).map((v) => [v.version, v.document?.title, v.written_by?.name])).toEqual([[1, '旧标题', '王五']])
    expect((await documentsApi.update(31, { title: '新标题' })).version).toBe(3)
    expect((await documentsApi.act(31, 'publish')).status).toBe('published')
  })
})

describe('filters in the address bar', () => {
  it('reads filters and page from a query, ignoring junk', () => {
    expect(filtersFromQuery({ q: '人才', region: '370212', valid: 'true', page: '3', extra: 'x' })).toEqual({
      q: '人才',
      type: '',
      region: '370212',
      dimension: '',
      industry: '',
      valid: 'true',
      page: 3,
    })
    expect(filtersFromQuery({ page: '-2', region: ['a', 'b'] }).page).toBe(1)
    expect(filtersFromQuery({ page: '-2', region: ['a', 'b'] }).region).toBe('')
  })

  it('writes only the set filters, page 1 left out, other parameters kept', () => {
    const filters = { ...filtersFromQuery({}), region: '370212', industry: ' ', page: 1 }
    expect(queryFromFilters(filters, { tab: 'x', page: '4' })).toEqual({ tab: 'x', region: '370212' })
    expect(queryFromFilters({ ...filters, page: 2 })).toEqual({ region: '370212', page: '2' })
  })
})

describe('validity and cost tables', () => {
  const now = new Date('2026-11-26T04:00:00Z')
  it('says whether a document is in force today (Beijing date)', () => {
    expect(validityOf(policy(), now)).toBe('valid')
    expect(validityOf(policy({ effective_on: '2026-12-01' }), now)).toBe('upcoming')
    expect(validityOf(policy({ expires_on: '2026-11-25' }), now)).toBe('expired')
    expect(validityOf(policy({ expires_on: '2026-11-26' }), now)).toBe('valid')
    expect(validityOf(policy({ status: 'withdrawn' }), now)).toBe('withdrawn')
    expect(validityOf(policy({ status: 'draft' }), now)).toBe('draft')
    // 16:30 UTC on the 25th is already the 26th in Beijing.
    expect(validityOf(policy({ expires_on: '2026-11-25' }), new Date('2026-11-25T16:30:00Z'))).toBe('expired')
  })

  it('asks for expired documents only when the reader chooses them, and marks them anywhere', () => {
    expect(validityQuery('')).toEqual({ valid: '', include_expired: '' })
    expect(validityQuery('all')).toEqual({ valid: '', include_expired: 'true' })
    expect(validityQuery('true')).toEqual({ valid: 'true', include_expired: '' })
    expect(validityQuery('false')).toEqual({ valid: 'false', include_expired: '' })
    expect(showsValidity(policy())).toBe(true)
    expect(showsValidity(policy({ type: 'news' }))).toBe(false)
    expect(showsValidity(policy({ type: 'news', status: 'expired' }))).toBe(true)
    expect(showsValidity(policy({ type: 'news', expires_on: '2020-01-01' }))).toBe(true)
  })

  it('shows cost rows, directory details and FAQs in English where the data has English', () => {
    const row = { district: '崂山区', district_en: 'Laoshan', category: 'water' as const, item: '工业用水', item_en: 'Industrial water', price: '3.80', unit: '元/吨', unit_en: 'CNY/t', source: '水务局', source_en: '', effective_on: '2026-01-01' }
    const table: DocumentSummary = { ...policy({ id: 7, type: 'cost_table', title_en: 'Costs in Laoshan' }), details: { rows: [row] } }
    const en = costFigures([table], 'en')[0]!
    expect([en.district, en.item, en.unit, en.source, en.document_title]).toEqual(['Laoshan', 'Industrial water', 'CNY/t', '水务局', 'Costs in Laoshan'])
    const zh = costFigures([table], 'zh-CN')[0]!
    expect([zh.district, zh.item, zh.unit]).toEqual(['崂山区', '工业用水', '元/吨'])
    const details = { address: '崂山区海尔路 61 号', address_en: '61 Haier Road, Laoshan', tags: ['知识产权'], tags_en: ['intellectual property'] }
    expect(inLocale(details, 'address', 'en')).toBe('61 Haier Road, Laoshan')
    expect(inLocale(details, 'tags', 'en')).toEqual(['intellectual property'])
    expect(inLocale(details, 'tags', 'zh-CN')).toEqual(['知识产权'])
    expect(inLocale({ question: '问', question_en: null }, 'question', 'en')).toBe('问')
  })

  it('groups figures per district and compares two districts item by item', () => {
    const row = (district: string, category: 'water' | 'land', item: string, price: string) => ({ district, category, item, price, unit: '元/吨', source: '水务局', effective_on: '2026-01-01' })
    const tables: DocumentSummary[] = [
      { ...policy({ id: 1, type: 'cost_table' }), details: { rows: [row('崂山区', 'water', '工业用水', '3.80'), row('崂山区', 'land', '工业用地', '30')] } },
      { ...policy({ id: 2, type: 'cost_table', region: '370211' }), details: { rows: [row('黄岛区', 'water', '工业用水', '3.50'), row('黄岛区', 'water', '污水处理', '1.20')] } },
    ]
    const figures = costFigures(tables)
    expect(figures).toHaveLength(4)
    // In region-code order: 黄岛区 (370211) before 崂山区 (370212).
    expect(costDistricts(figures)).toEqual(['黄岛区', '崂山区'])
    expect(byCategory(figures, '崂山区').map((g) => [g.category, g.rows.length])).toEqual([
      ['water', 1],
      ['land', 1],
    ])
    const compared = compareDistricts(figures, '崂山区', '黄岛区')
    expect(compared.map((c) => [c.item, c.left?.price ?? null, c.right?.price ?? null])).toEqual([
      ['工业用水', '3.80', '3.50'],
      ['污水处理', null, '1.20'],
      ['工业用地', '30', null],
    ])
    expect(compared[0]!.left?.document_id).toBe(1)
  })
})

describe('the policy pages', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  async function mountAt(path: string, component: typeof PoliciesView | typeof PolicyDetailView, props: Record<string, unknown>, routes: Parameters<typeof fakeFetch>[0]) {
    const fetchImpl = fakeFetch({
      'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }),
      'GET /api/v1/industries': () => json(200, { items: [] }),
      'GET /api/v1/auth/me': () => json(200, { user: null, csrf_token: 'anon' }),
      ...routes,
    })
    configureHttp({ fetch: fetchImpl })
    const pinia = createPinia()
    setActivePinia(pinia)
    const router = createAppRouter(createMemoryHistory())
    await router.push(path)
    await router.isReady()
    const wrapper = mount(component, { props: props as never, global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
    await flushPromises()
    return { wrapper, router, fetchImpl }
  }

  it('lists policies with the filters of the URL, and a filter change goes to the URL at page 1', async () => {
    const seen: URL[] = []
    const { wrapper, router } = await mountAt('/policies?dimension=talent&region=370212&page=2', PoliciesView, { type: 'policy' }, {
      'GET /api/v1/documents': (url) => {
        seen.push(new URL(url, 'http://x'))
        return json(200, { items: [policy()], total: 41, page: 2, page_size: 20 })
      },
    })
    expect(Object.fromEntries(seen[0]!.searchParams)).toEqual({ type: 'policy', region: '370212', dimension: 'talent', page: '2', page_size: '20' })
    expect(wrapper.findAll('[data-testid="doc-card"]')).toHaveLength(1)
    expect(wrapper.find('[data-testid="validity"]').attributes('data-validity')).toBe('valid')
    wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'filter-valid')!.vm.$emit('update:modelValue', 'true')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ dimension: 'talent', region: '370212', valid: 'true' })
    expect(Object.fromEntries(seen.at(-1)!.searchParams)).toMatchObject({ valid: 'true', page: '1' })
    wrapper.unmount()
  })

  it('shows a policy: issuer, dates, sanitised body, attachments, versions, FAQs and the 咨询 button', async () => {
    const { wrapper } = await mountAt('/documents/31', PolicyDetailView, { id: '31' }, { 'GET /api/v1/documents/31': () => json(200, { document: policy() }) })
    expect(wrapper.find('[data-testid="doc-title"]').text()).toBe('崂山区支持人才创新创业若干政策')
    expect(wrapper.find('[data-testid="doc-issuer"]').text()).toBe('崂山区')
    expect(wrapper.find('[data-testid="article-body"] strong').text()).toBe('100 万元')
    expect(wrapper.find('a[href="/api/v1/documents/31/attachments/8"]').text()).toContain('实施细则.pdf')
    expect(wrapper.find('[data-testid="doc-versions"]').text()).toContain('第 2 版')
    expect(wrapper.find('[data-testid="faqs"]').text()).toContain('博士后可以申请吗？')
    expect(wrapper.find('[data-testid="consult-policy"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows the English title and body in English, with a note when there is no English body', async () => {
    await applyLocale('en')
    const { wrapper } = await mountAt('/documents/31', PolicyDetailView, { id: '31' }, {
      'GET /api/v1/documents/31': () => json(200, policy({ title_en: 'Laoshan talent policy' })),
    })
    expect(wrapper.find('[data-testid="doc-title"]').text()).toBe('Laoshan talent policy')
    expect(wrapper.text()).toContain('There is no English version of this text yet')
    expect(wrapper.find('[data-testid="consult-policy"]').text()).toBe('Ask')
    wrapper.unmount()
  })
})
