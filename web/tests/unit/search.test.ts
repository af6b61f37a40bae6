import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '@/router'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { searchApi, snippetParts, unescapeHtml, type SearchResult } from '@/shared/api/search'
import { applyLocale, i18n } from '@/shared/i18n'
import SnippetText from '@/portal/components/SnippetText.vue'
import SearchView from '@/portal/views/SearchView.vue'
import { fakeFetch, json } from './fixtures/fetch'
import { sampleTree } from './fixtures/units'

describe('search snippets', () => {
  it('splits on <mark> into highlighted and plain runs, unescaping the server’s entities', () => {
    expect(snippetParts('青岛市<mark>人才</mark>住房<mark>补贴</mark>办法')).toEqual([
      { text: '青岛市', mark: false },
      { text: '人才', mark: true },
      { text: '住房', mark: false },
      { text: '补贴', mark: true },
      { text: '办法', mark: false },
    ])
    expect(snippetParts('A &amp; B &lt;b&gt;')).toEqual([{ text: 'A & B <b>', mark: false }])
    expect(snippetParts('')).toEqual([])
    expect(unescapeHtml('&quot;x&#39;&amp;lt;')).toBe('"x\'&lt;')
  })

  it('renders script text outside <mark> as text, never as an element', () => {
    const snippet = '&lt;script&gt;window.__xss=1&lt;/script&gt; <script>window.__xss=2</script> <mark>人才</mark> <img src=x onerror="window.__xss=3">'
    const wrapper = mount(SnippetText, { props: { snippet } })
    const root = wrapper.element as HTMLElement
    expect(root.querySelectorAll('script, img')).toHaveLength(0)
    expect(root.querySelectorAll('mark')).toHaveLength(1)
    expect(root.querySelector('mark')?.textContent).toBe('人才')
    expect(root.textContent).toContain('<script>window.__xss=1</script>')
    expect(root.textContent).toContain('<script>window.__xss=2</script>')
    expect(root.textContent).toContain('<img src=x onerror="window.__xss=3">')
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined()
  })

  it('keeps markup inside a <mark> as text too', () => {
    const wrapper = mount(SnippetText, { props: { snippet: '<mark><b>加粗</b></mark>' } })
    expect(wrapper.findAll('b')).toHaveLength(0)
    expect(wrapper.find('mark').text()).toBe('<b>加粗</b>')
  })
})

describe('search API client', () => {
  afterEach(() => resetHttp())

  it('sends the query and filters, leaving empty ones out', async () => {
    const reply: SearchResult = { items: [], total: 0, page: 2, page_size: 10, stop_terms: [] }
    const fetchImpl = fakeFetch({ 'GET /api/v1/search': () => json(200, reply) })
    configureHttp({ fetch: fetchImpl })
    expect(await searchApi.search({ q: '人才 补贴', type: 'policy', region: '', industry: 'ic', valid: 'true', page: 2, page_size: 10 })).toEqual(reply)
    const url = new URL(String(fetchImpl.mock.calls[0]?.[0]), 'http://x')
    expect(url.pathname).toBe('/api/v1/search')
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: '人才 补贴', type: 'policy', industry: 'ic', valid: 'true', page: '2', page_size: '10' })
  })
})

describe('the search page', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  async function open(path: string, reply: (url: URL) => SearchResult) {
    const urls: URL[] = []
    const fetchImpl = fakeFetch({
      'GET /api/v1/search': (url) => {
        const parsed = new URL(url, 'http://x')
        urls.push(parsed)
        return json(200, reply(parsed))
      },
      'GET /api/v1/units': () => json(200, { tree: sampleTree(), total: 11 }),
      'GET /api/v1/industries': () => json(200, { items: [] }),
    })
    configureHttp({ fetch: fetchImpl })
    const pinia = createPinia()
    setActivePinia(pinia)
    const router = createAppRouter(createMemoryHistory())
    await router.push(path)
    await router.isReady()
    const wrapper = mount(SearchView, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
    await flushPromises()
    return { wrapper, router, urls }
  }

  it('reads the query and filters from the URL and shows typed, highlighted hits', async () => {
    const { wrapper, urls } = await open('/search?q=人才&type=policy&region=370212&valid=true', () => ({
      items: [
        { id: 5, type: 'policy', title: '崂山区人才新政', snippet: '崂山区<mark>人才</mark>安居 &lt;script&gt;', score: 3.2 },
        { id: 9, type: 'news', title: '人才周开幕', snippet: '<mark>人才</mark>周', score: 1.1 },
      ],
      total: 500,
      page: 1,
      page_size: 10,
      stop_terms: ['的'],
      capped: true,
    }))
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({ q: '人才', type: 'policy', region: '370212', valid: 'true', page: '1', page_size: '10' })
    const hits = wrapper.findAll('[data-testid="search-hit"]')
    expect(hits).toHaveLength(2)
    expect(hits[0]!.text()).toContain('政策')
    expect(hits[0]!.find('mark').text()).toBe('人才')
    expect(hits[0]!.text()).toContain('<script>')
    expect(hits[0]!.find('script').exists()).toBe(false)
    expect(hits[0]!.find('a').attributes('href')).toBe('/documents/5')
    expect(hits[1]!.text()).toContain('资讯')
    expect(wrapper.find('[data-testid="search-count"]').text()).toBe('至少 500 条结果')
    const notice = wrapper.find('[data-testid="search-notice"]').text()
    expect(notice).toContain('的')
    expect(notice).toContain('仅对最新的 500 篇排序')
    wrapper.unmount()
  })

  it('puts a new query in the URL, back on page 1', async () => {
    const { wrapper, router, urls } = await open('/search?q=人才&page=3', () => ({ items: [], total: 0, page: 1, page_size: 10, stop_terms: [] }))
    expect(urls[0]!.searchParams.get('page')).toBe('3')
    await wrapper.find('input[data-testid="search-input"]').setValue('集成电路')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '集成电路' })
    expect(urls.at(-1)!.searchParams.get('q')).toBe('集成电路')
    expect(urls.at(-1)!.searchParams.get('page')).toBe('1')
    expect(wrapper.find('[data-testid="search-none"]').text()).toContain('没有找到与“集成电路”相关的内容')
    wrapper.unmount()
  })

  it('asks for nothing without a query', async () => {
    const { wrapper, urls } = await open('/search', () => ({ items: [], total: 0, page: 1, page_size: 10 }))
    expect(urls).toHaveLength(0)
    expect(wrapper.text()).toContain('请输入关键词开始搜索')
    wrapper.unmount()
  })
})
