import { describe, expect, it } from 'vitest'
import type { Park } from '@/shared/api/parks'
import { parkFormValues, parkInput } from '@/shared/parks/edit'
import type { Unit } from '@/shared/api/units'
import { flattenUnits, unitsAmong } from '@/shared/units/tree'

function sinoGerman(): Park {
  return {
    id: 2,
    code: 'sino_german',
    name: '中德生态园',
    name_zh: '中德生态园',
    name_en: 'Sino-German Ecopark',
    unit: { id: 31, name: '中德生态园' },
    district: { code: '370211', name: '黄岛区' },
    location: { lat: 35.978, lon: 120.061 },
    area_ha: '1160',
    available_land_ha: '180',
    industries: ['life_health', 'smart_equipment'],
    contact: { unit: { id: 31 }, phone: '0532-8698 0102', tel: 'tel:053286980102' },
    summary: '生态园',
    summary_zh: '生态园',
    summary_en: 'An ecopark',
    illustrative: true,
    archived_at: null,
    updated_at: null,
  }
}

describe('park form', () => {
  it('fills the form from a park, coordinates as decimal strings', () => {
    const values = parkFormValues(sinoGerman())
    expect(values).toMatchObject({ code: 'sino_german', name: '中德生态园', unit_id: 31, lat: '35.978', lon: '120.061', contact_phone: '0532-8698 0102' })
    expect(parkFormValues(null).unit_id).toBeNull()
  })

  it('sends every filled field of a new park, trimmed, and leaves the unit to the server', () => {
    const values = { ...parkFormValues(null), code: ' qd-blue-bay ', name: '蓝湾', lat: '36.1', industries: ['nev'] }
    expect(parkInput(values, null)).toEqual({ code: 'qd-blue-bay', name: '蓝湾', lat: '36.1', industries: ['nev'] })
  })

  it('sends only what an edit changed, the industries when their order changed', () => {
    const initial = parkFormValues(sinoGerman())
    expect(parkInput({ ...initial, summary: '生态园 ' }, initial)).toEqual({})
    const edited = { ...initial, summary: '新的简介', contact_phone: '', industries: ['smart_equipment', 'life_health'] }
    expect(parkInput(edited, initial)).toEqual({ summary: '新的简介', contact_phone: '', industries: ['smart_equipment', 'life_health'] })
  })

  it('offers in the unit picker only the units the editor may write for', () => {
    const unit = (id: number, code: string, children: Unit[] = []) => ({ id, code, name_zh: code, children }) as unknown as Unit
    const tree = [unit(1, '370200', [unit(2, '370211', [unit(3, 'zone.sino_german')]), unit(4, '370212')])]
    const flat = flattenUnits(tree)
    expect(unitsAmong(flat, [2, 3]).map((u) => u.code)).toEqual(['370211', 'zone.sino_german'])
    expect(unitsAmong(flat, []).map((u) => u.code)).toEqual([])
    expect(unitsAmong(flat, null).map((u) => u.code)).toEqual(['370200', '370211', 'zone.sino_german', '370212'])
  })
})
