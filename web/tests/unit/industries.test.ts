import { describe, expect, it } from 'vitest'
import { groupChains, isKnownGroup, matchesIndustry, sections, type Industry } from '@/shared/api/industries'

const items: Industry[] = [
  { code: 'C', kind: 'section', name_zh: '制造业', name_en: 'Manufacturing', group: null },
  { code: 'A', kind: 'section', name_zh: '农、林、牧、渔业', name_en: 'Agriculture, forestry, animal husbandry and fishery', group: null },
  { code: 'ai', kind: 'chain', name_zh: '人工智能', name_en: 'Artificial intelligence', group: 'leading' },
  { code: 'thz', kind: 'chain', name_zh: '太赫兹', name_en: 'Terahertz', group: 'future' },
  { code: 'ngit', kind: 'chain', name_zh: '新一代信息技术', name_en: 'New-generation IT', group: 'leading' },
  { code: 'misc', kind: 'chain', name_zh: '其他链', name_en: 'Misc', group: 'local-special' },
  { code: 'home', kind: 'chain', name_zh: '智能家电', name_en: 'Smart home appliances', group: 'advantage' },
  { code: 'x', kind: 'chain', name_zh: '无组', name_en: 'No group', group: null },
]

describe('industries helpers', () => {
  it('groups chains in canonical order, unknown groups last', () => {
    const groups = groupChains(items)
    expect(groups.map((g) => g.group)).toEqual(['leading', 'advantage', 'future', 'local-special', 'other'])
    expect(groups[0]?.items.map((i) => i.code)).toEqual(['ai', 'ngit'])
  })

  it('sorts sections by code', () => {
    expect(sections(items).map((s) => s.code)).toEqual(['A', 'C'])
  })

  it('matches code and names', () => {
    const ai = items[2] as Industry
    expect(matchesIndustry(ai, '')).toBe(true)
    expect(matchesIndustry(ai, '智能')).toBe(true)
    expect(matchesIndustry(ai, 'ARTIFICIAL')).toBe(true)
    expect(matchesIndustry(ai, 'AI')).toBe(true)
    expect(matchesIndustry(ai, '太赫兹')).toBe(false)
  })

  it('knows the default groups', () => {
    expect(isKnownGroup('future')).toBe(true)
    expect(isKnownGroup('local-special')).toBe(false)
    expect(isKnownGroup(null)).toBe(false)
  })
})
