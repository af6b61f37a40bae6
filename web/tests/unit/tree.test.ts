import { describe, expect, it } from 'vitest'
import type { Unit } from '@/shared/api/units'
import {
  countByType,
  countUnits,
  filterUnitTree,
  flattenUnits,
  groupByType,
  idsWithChildren,
  matchesUnit,
  telHref,
  unitAltName,
  unitIndustries,
  unitName,
} from '@/shared/units/tree'
import { sampleTree } from './fixtures/units'

const names = (tree: Unit[]) => flattenUnits(tree).map((u) => u.name_zh)

describe('filterUnitTree', () => {
  it('returns the tree unchanged without a filter', () => {
    const tree = sampleTree()
    expect(filterUnitTree(tree, {})).toEqual(tree)
    expect(filterUnitTree(tree, { query: '   ', types: [] })).toEqual(tree)
  })

  it('keeps matches with their ancestors', () => {
    const result = filterUnitTree(sampleTree(), { query: '生态园' })
    expect(names(result)).toEqual(['青岛市', '黄岛区', '中德生态园'])
  })

  it('keeps the subtree of a matching unit below the root', () => {
    const result = filterUnitTree(sampleTree(), { query: '黄岛' })
    expect(names(result)).toEqual(['青岛市', '黄岛区', '中德生态园', '青岛国际经济合作区'])
  })

  it('does not pass a root match down to everything', () => {
    const result = filterUnitTree(sampleTree(), { query: '青岛市' })
    expect(names(result)).toEqual(['青岛市'])
  })

  it('matches English names case-insensitively, codes, phones and industries', () => {
    expect(names(filterUnitTree(sampleTree(), { query: 'chengyang' }))).toEqual(['青岛市', '城阳区', '青岛高新技术产业开发区'])
    expect(names(filterUnitTree(sampleTree(), { query: '370202' }))).toEqual(['青岛市', '市南区'])
    expect(names(filterUnitTree(sampleTree(), { query: '8786-1234' }))).toEqual(['青岛市', '城阳区', '青岛高新技术产业开发区'])
    expect(names(filterUnitTree(sampleTree(), { query: '集成电路' }))).toEqual(['青岛市', '黄岛区', '中德生态园', '青岛国际经济合作区', '集成电路产业链专班'])
  })

  it('normalises full-width characters', () => {
    expect(names(filterUnitTree(sampleTree(), { query: 'ＳＨＩＮＡＮ' }))).toEqual(['青岛市', '市南区'])
  })

  it('filters by type, keeping ancestors as context', () => {
    const result = filterUnitTree(sampleTree(), { types: ['zone'] })
    expect(names(result)).toEqual(['青岛市', '黄岛区', '中德生态园', '青岛国际经济合作区', '城阳区', '青岛高新技术产业开发区'])
    expect(flattenUnits(result).filter((u) => u.type === 'department')).toEqual([])
  })

  it('combines text and type', () => {
    const result = filterUnitTree(sampleTree(), { query: '黄岛', types: ['district'] })
    expect(names(result)).toEqual(['青岛市', '黄岛区'])
    expect(filterUnitTree(sampleTree(), { query: '黄岛', types: ['desk'] })).toEqual([])
  })

  it('returns an empty list when nothing matches and does not mutate the input', () => {
    const tree = sampleTree()
    const before = JSON.stringify(tree)
    expect(filterUnitTree(tree, { query: 'zzzz-no-such-unit' })).toEqual([])
    filterUnitTree(tree, { query: '黄岛' })
    expect(JSON.stringify(tree)).toBe(before)
  })
})

describe('counting and grouping', () => {
  it('counts units and types', () => {
    const tree = sampleTree()
    expect(countUnits(tree)).toBe(11)
    expect(countByType(tree)).toMatchObject({ city: 1, district: 3, zone: 3, bureau: 1, desk: 1, department: 1, task_force: 1, agency: 0 })
  })

  it('groups siblings by type in display order', () => {
    const city = sampleTree()[0]
    expect(city).toBeDefined()
    const groups = groupByType(city?.children ?? [])
    expect(groups.map((g) => g.type)).toEqual(['district', 'bureau', 'department', 'task_force'])
    expect(groups[0]?.units.map((u) => u.name_zh)).toEqual(['市南区', '黄岛区', '城阳区'])
  })

  it('lists ids of units with children', () => {
    const tree = sampleTree()
    expect(idsWithChildren(tree).length).toBe(4)
  })
})

describe('matchesUnit', () => {
  it('treats an empty query as a match', () => {
    expect(matchesUnit(sampleTree()[0] as Unit, '')).toBe(true)
  })
  it('does not match short digit runs against phones by digits only', () => {
    expect(matchesUnit({ name_zh: 'a', name_en: 'b', code: null, phone: '0532-1', leading_industries: [] }, '05')).toBe(true)
    expect(matchesUnit({ name_zh: 'a', name_en: 'b', code: null, phone: null, leading_industries: [] }, '0532')).toBe(false)
  })
})

describe('telHref', () => {
  it('builds tel: URIs', () => {
    expect(telHref('0532-85911111')).toBe('tel:053285911111')
    expect(telHref(' 0532 8591 1111 ')).toBe('tel:053285911111')
    expect(telHref('+86 532 8591 1111')).toBe('tel:+8653285911111')
    expect(telHref('0532-1234567；0532-7654321')).toBe('tel:05321234567')
    expect(telHref('(0532) 12345')).toBe('tel:053212345')
  })
  it('returns null without a usable number', () => {
    expect(telHref(null)).toBeNull()
    expect(telHref(undefined)).toBeNull()
    expect(telHref('')).toBeNull()
    expect(telHref('n/a')).toBeNull()
  })
})

describe('unit names', () => {
  const u = { name_zh: '城阳区', name_en: 'Chengyang District' }
  it('picks the UI language and the other as alt', () => {
    expect(unitName(u, 'zh-CN')).toBe('城阳区')
    expect(unitAltName(u, 'zh-CN')).toBe('Chengyang District')
    expect(unitName(u, 'en')).toBe('Chengyang District')
    expect(unitAltName(u, 'en')).toBe('城阳区')
  })
  it('falls back when a name is missing', () => {
    expect(unitName({ name_zh: '城阳区', name_en: '' }, 'en')).toBe('城阳区')
    expect(unitAltName({ name_zh: '城阳区', name_en: '' }, 'en')).toBe('')
    expect(unitAltName({ name_zh: '城阳区', name_en: '' }, 'zh-CN')).toBe('')
  })
})

describe('unitIndustries', () => {
  const u = { leading_industries: ['轨道交通', '橡胶塑料'], leading_industries_en: ['rail transit', 'rubber and plastics'] }
  it('uses the English list in English when there is one', () => {
    expect(unitIndustries(u, 'en')).toEqual(['rail transit', 'rubber and plastics'])
    expect(unitIndustries(u, 'zh-CN')).toEqual(['轨道交通', '橡胶塑料'])
    expect(unitIndustries({ leading_industries: ['金融'], leading_industries_en: [] }, 'en')).toEqual(['金融'])
    expect(unitIndustries({ leading_industries: ['金融'] }, 'en')).toEqual(['金融'])
  })
  it('search matches English industries too', () => {
    expect(matchesUnit({ name_zh: '城阳区', name_en: 'Chengyang', code: null, phone: null, ...u }, 'RAIL')).toBe(true)
  })
})
