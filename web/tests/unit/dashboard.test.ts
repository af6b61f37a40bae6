import { afterEach, describe, expect, it } from 'vitest'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { dashboardApi, type Sources } from '@/shared/api/dashboard'
import { indicatorsApi } from '@/shared/api/indicators'
import { rankingApi, unwrapConfig } from '@/shared/api/ranking'
import { drillFilters } from '@/shared/projects/drill'
import { normaliseCityMap, parseCityMap, loadCityMap, resetCityMap, type GeoCollection } from '@/shared/charts/cityMap'
import { barOption, drillOf, flowOption } from '@/shared/charts/options'
import { drillLocation, filtersFromQuery, periodChoices, queryFromFilters } from '@/console/views/dashboard/filters'
import { configBody, messagesAt } from '@/console/views/ranking/configForm'
import { cellErrors, figuresFrom, gridFrom } from '@/console/views/dashboard/indicatorGrid'
import { OVERVIEW } from './fixtures/dashboard'
import { fakeFetch, json } from './fixtures/fetch'

describe('dashboard API clients', () => {
  afterEach(() => resetHttp())

  it('sends the filters as query parameters and leaves empty ones off', async () => {
    const urls: string[] = []
    const sources: Sources = { by_source: [{ source: 'event', projects: 3, investment_cny: '1.00', drill: 'source=event&period=2026-Q4' }], events: [] }
    configureHttp({
      fetch: fakeFetch({
        'GET /api/v1/dashboard/overview': (url) => (urls.push(url), json(200, OVERVIEW)),
        'GET /api/v1/dashboard/sources': (url) => (urls.push(url), json(200, sources)),
      }),
    })
    const overview = await dashboardApi.overview({ period: '2026', unit_id: 3, industry: '', source: undefined })
    expect(overview.signed_large.city.projects).toBe(12)
    expect(overview.signed_large.districts[1]?.label).toBe('同级单位 1')
    expect((await dashboardApi.sources({ period: '2026-Q4', source: 'event', industry: 'ict' })).by_source[0]?.drill).toBe('source=event&period=2026-Q4')
    expect(urls).toEqual(['/api/v1/dashboard/overview?period=2026&unit_id=3', '/api/v1/dashboard/sources?period=2026-Q4&industry=ict&source=event'])
  })

  it('reads the ranking module from its own route, the same filters as the others', async () => {
    const urls: string[] = []
    const reply = {
      period: '2026-Q4',
      published: { id: 7, period: '2026-11', published_at: '2026-11-30T09:00:00+08:00', leagues: [] },
      live: { period: '2026-Q4', leagues: [{ league: 'district', units: [{ unit_id: null, name: null, anonymous: true, label: '同级单位 2', rank: 1, score: '100.00', marks: 'top', metrics: null }] }] },
    }
    configureHttp({ fetch: fakeFetch({ 'GET /api/v1/dashboard/ranking': (url) => (urls.push(url), json(200, reply)) }) })
    const ranking = await dashboardApi.ranking({ period: '2026-Q4', unit_id: 3 })
    expect(ranking.published?.period).toBe('2026-11')
    expect(ranking.live?.leagues[0]?.units[0]?.label).toBe('同级单位 2')
    expect(urls).toEqual(['/api/v1/dashboard/ranking?period=2026-Q4&unit_id=3'])
  })

  it('keeps a 422 naming the field', async () => {
    configureHttp({ fetch: fakeFetch({ 'GET /api/v1/dashboard/stages': () => json(422, { error: { code: 'validation_failed', message: 'bad', fields: { period: '期间格式不正确' } } }) }) })
    await expect(dashboardApi.stages({ period: '2026-13' })).rejects.toMatchObject({ status: 422, fields: { period: '期间格式不正确' } })
  })

  it('reads and writes the indicator figures of a month', async () => {
    const bodies: unknown[] = []
    configureHttp({
      csrfToken: () => 'csrf',
      fetch: fakeFetch({
        'GET /api/v1/indicators': (url) => json(200, { month: new URL(url, 'http://x').searchParams.get('month'), figures: [] }),
        'PUT /api/v1/indicators': (_url, init) => {
          bodies.push(JSON.parse(String(init.body)))
          return json(200, JSON.parse(String(init.body)))
        },
      }),
    })
    expect((await indicatorsApi.get('2026-10')).month).toBe('2026-10')
    const body = { month: '2026-10', figures: [{ unit_id: 3, indicator: 'foreign_capital_used', value: '1234.50' }] }
    await indicatorsApi.put(body)
    expect(bodies).toEqual([body])
  })

  it('calls the ranking routes and unwraps the configuration', async () => {
    const calls: string[] = []
    configureHttp({
      csrfToken: () => 'csrf',
      fetch: fakeFetch({
        'GET /api/v1/rankings/live': (url) => (calls.push(url), json(200, { period: '2026', config_version: 2, leagues: [] })),
        'POST /api/v1/rankings': (_url, init) => (calls.push(`POST ${String(init.body)}`), json(201, { ranking: { id: 5, period: '2026', published_at: 'x', leagues: [] } })),
        'GET /api/v1/rankings/5/compare': (url) => (calls.push(url), json(200, { units: [] })),
      }),
    })
    await rankingApi.live('2026')
    expect((await rankingApi.publish('2026')).id).toBe(5)
    await rankingApi.publish('2026', true)
    await rankingApi.compare(5, 4)
    expect(calls).toEqual(['/api/v1/rankings/live?period=2026', 'POST {"period":"2026"}', 'POST {"period":"2026","supersede":true}', '/api/v1/rankings/5/compare?with=4'])
    const config = { usd_cny_rate: '7.10', leagues: [], metrics: [] }
    expect(unwrapConfig({ config: { ...config, version: 3 } })).toEqual({ ...config, version: 3 })
    expect(unwrapConfig({ config, version: 3 })).toEqual({ ...config, version: 3 })
    expect(unwrapConfig({ ...config, version: 2 })).toEqual({ ...config, version: 2 })
  })
})

describe('dashboard filters and drill links', () => {
  it('reads the filters from the address and drops values the server would refuse', () => {
    expect(filtersFromQuery({ period: '2026-Q4', unit_id: '7', industry: 'ict', source: 'event' })).toEqual({ period: '2026-Q4', unit_id: 7, industry: 'ict', source: 'event' })
    expect(filtersFromQuery({ period: '2026-13', unit_id: '-1', source: 'nope', industry: 'a b' })).toEqual({})
    expect(filtersFromQuery({ period: ['2026-11', '2025'] })).toEqual({ period: '2026-11' })
  })

  it('writes the filters back in a stable order, leaving empty ones off', () => {
    expect(queryFromFilters({ source: 'other', period: '2025', unit_id: null, industry: '' })).toEqual({ period: '2025', source: 'other' })
    const round = { period: '2026-03', unit_id: 12, industry: 'nev', source: 'meeting_outbound' }
    expect(filtersFromQuery(queryFromFilters(round) as Record<string, string>)).toEqual(round)
  })

  it('turns a figure’s drill into the project list with the same query', () => {
    expect(drillLocation('unit_id=7&stage=signed&period=2026')).toEqual({ name: 'console-projects', query: { unit_id: '7', stage: 'signed', period: '2026' } })
    expect(drillLocation('?chain=ict&section=C&section=I')).toEqual({ name: 'console-projects', query: { chain: 'ict', section: ['C', 'I'] } })
    expect(drillLocation(null)).toBeNull()
    expect(drillLocation('')).toBeNull()
  })

  it('the project list keeps what its own filters do not take, for the API', () => {
    const known = ['light', 'unit', 'stage', 'industry', 'source', 'signed_large', 'campaign', 'stale_days', 'q', 'page']
    const own = { source: ['meeting', 'event'], campaign: ['true', 'false'], signed_large: ['true', 'false'] }
    expect(
      drillFilters({ stage: 'signed', period: '2026', min_stage: 'signed', campaign: 'ocean', signed_large: 'true', undertaking_unit_id: '7', source: 'meeting_outbound' }, known, own),
    ).toEqual({ period: '2026', min_stage: 'signed', campaign: 'ocean', undertaking_unit_id: '7', source: 'meeting_outbound' })
    expect(drillFilters({ campaign: 'true', q: '', source: 'event' }, known, own)).toEqual({})
  })

  it('offers this year, last year, the quarters and months so far', () => {
    expect(periodChoices(new Date(2026, 4, 10))).toEqual(['2026', '2025', '2026-Q2', '2026-Q1', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01'])
  })
})

describe('charts', () => {
  it('keeps each point’s drill for the click', () => {
    const option = barOption([{ key: 'signed', label: '签约', value: 4, drill: 'stage=signed' }], { series: '项目数' }) as { series: { data: unknown[] }[] }
    const point = option.series[0]?.data[0]
    expect(point).toEqual({ name: '签约', value: 4, drill: 'stage=signed' })
    expect(drillOf({ data: point })).toBe('stage=signed')
    expect(drillOf({ data: { value: 1 } })).toBeNull()
    expect(drillOf(null)).toBeNull()
  })

  it('draws one line per stage entered, months in order', () => {
    const option = flowOption(
      [
        { month: '2026-04', to: 'signed', projects: 2 },
        { month: '2026-03', to: 'signed', projects: 1 },
        { month: '2026-04', to: 'started', projects: 3 },
      ],
      [
        { code: 'negotiating', label: '洽谈' },
        { code: 'signed', label: '签约' },
        { code: 'started', label: '开工' },
      ],
    ) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] }
    expect(option.xAxis.data).toEqual(['2026-03', '2026-04'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['签约', [1, 2]],
      ['开工', [0, 3]],
    ])
  })
})

/** A tiny synthetic map: two squares, one under the old code of 即墨. */
const GEO: GeoCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: '370202', properties: { name: '市南区' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
    { type: 'Feature', id: '370282', properties: { name: '即墨市' }, geometry: { type: 'Polygon', coordinates: [[[2, 0], [3, 0], [3, 1], [2, 0]]] } },
  ],
}

describe('the city map', () => {
  afterEach(() => resetCityMap())

  it('joins on the division code and maps 即墨市 370282 to 即墨区 370215', () => {
    const map = normaliseCityMap(GEO)
    expect(map.features.map((f) => [f.id, f.properties.name, f.properties.label])).toEqual([
      ['370202', '370202', '市南区'],
      ['370215', '370215', '即墨区'],
    ])
  })

  it('is missing (null) when the asset is absent or not GeoJSON, so the page shows a table', async () => {
    expect(parseCityMap('<!doctype html><html></html>')).toBeNull()
    expect(parseCityMap('{"type":"FeatureCollection","features":[]}')).toBeNull()
    expect(await loadCityMap(async () => new Response('not found', { status: 404 }))).toBeNull()
    resetCityMap()
    expect(await loadCityMap(async () => { throw new TypeError('offline') })).toBeNull()
    resetCityMap()
    const loaded = await loadCityMap(async () => new Response(JSON.stringify(GEO), { status: 200 }))
    expect(loaded?.features.map((f) => f.id)).toEqual(['370202', '370215'])
  })
})

describe('ranking configuration form', () => {
  it('gathers the server’s messages under the field they belong to', () => {
    const fields = { 'metrics[0].weight': '权重不能为负数', 'leagues[1].units[3]': '该单位已在其他组别', 'leagues[1].top': '超出范围', 'leagues[10].units': 'x' }
    expect(messagesAt(fields, 'metrics[0].weight')).toEqual(['权重不能为负数'])
    expect(messagesAt(fields, 'leagues[1].units')).toEqual(['该单位已在其他组别'])
    expect(messagesAt(fields, 'metrics[1].weight')).toEqual([])
  })

  it('sends the configuration without its version', () => {
    expect(configBody({ version: 4, usd_cny_rate: '7.10', metrics: [{ code: 'docking_rate', weight: '5', threshold: '0' }], leagues: [] })).toEqual({
      usd_cny_rate: '7.10',
      metrics: [{ code: 'docking_rate', weight: '5', threshold: '0' }],
      leagues: [],
    })
  })
})

describe('indicator grid', () => {
  const districts = [
    { unit_id: 3, code: '370202', name: '市南区' },
    { unit_id: 4, code: '370215', name: '即墨区' },
  ]

  it('round-trips the figures, leaving blank cells out, and points a refused figure at its cell', () => {
    const figures = [
      { unit_id: 3, indicator: 'foreign_capital_used', value: '1234.50' },
      { unit_id: 4, indicator: 'trade_export', value: '9' },
    ]
    const grid = gridFrom(districts, figures)
    expect(grid[0]?.values.foreign_capital_used).toBe('1234.50')
    expect(grid[1]?.values.foreign_capital_used).toBe('')
    const sent = figuresFrom(grid)
    expect(sent).toEqual(figures)
    expect(cellErrors({ 'figures[1].value': '不是有效数值', month: 'x' }, sent)).toEqual({ '4:trade_export': '不是有效数值' })
  })
})
