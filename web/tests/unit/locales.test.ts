import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROLES } from '@/shared/api/auth'
import { INDUSTRY_GROUPS } from '@/shared/api/industries'
import { UNIT_TYPES } from '@/shared/api/units'
import { LOCALIZED_ERROR_CODES } from '@/shared/errors'
import en from '@/shared/locales/en.json'
import zhCN from '@/shared/locales/zh-CN.json'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const zhKeys = flatten(zhCN as Tree)
const enKeys = flatten(en as Tree)

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full))
    else if (/\.(vue|ts)$/.test(name)) out.push(full)
  }
  return out
}

describe('locale files', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const onlyZh = [...zhKeys.keys()].filter((k) => !enKeys.has(k))
    const onlyEn = [...enKeys.keys()].filter((k) => !zhKeys.has(k))
    expect(onlyZh, 'keys missing from en.json').toEqual([])
    expect(onlyEn, 'keys missing from zh-CN.json').toEqual([])
  })

  it('has no empty messages', () => {
    for (const [key, value] of [...zhKeys, ...enKeys]) expect(value.trim(), key).not.toBe('')
  })

  it('uses the same placeholders in both languages', () => {
    for (const [key, zh] of zhKeys) {
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(zh))
    }
  })

  it('defines every key used literally in the source code', () => {
    const root = join(__dirname, '../../src')
    const missing: string[] = []
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) {
        const key = m[1] ?? ''
        if (!zhKeys.has(key)) missing.push(`${file.slice(root.length + 1)}: ${key}`)
      }
      for (const m of text.matchAll(/titleKey: '([A-Za-z0-9_.-]+)'/g)) {
        const key = m[1] ?? ''
        if (!zhKeys.has(key)) missing.push(`${file.slice(root.length + 1)}: ${key}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('defines the keys built at run time', () => {
    const keys = [
      ...UNIT_TYPES.map((ty) => `unitType.${ty}`),
      ...UNIT_TYPES.map((ty) => `unitGroup.${ty}`),
      ...INDUSTRY_GROUPS.map((g) => `console.industries.group.${g}`),
      'console.industries.group.other',
      ...LOCALIZED_ERROR_CODES.map((c) => `errors.${c}`),
      ...ROLES.map((r) => `roles.${r}`),
      ...['weak', 'fair', 'good', 'strong'].map((s) => `auth.strength.${s}`),
      ...['active', 'disabled'].map((s) => `console.accounts.statusValue.${s}`),
      ...['success', 'failure', 'denied'].map((r) => `console.audit.result.${r}`),
      ...['none', 'self', 'unit', 'unit_tree', 'all'].map((s) => `console.security.scopes.${s}`),
      ...['purpose', 'retention', 'contact'].map((s) => `auth.privacy.${s}`),
      'lang.zh',
      'lang.zhShort',
      'lang.en',
      'lang.enShort',
    ]
    for (const key of keys) {
      expect(zhKeys.has(key), key).toBe(true)
      expect(enKeys.has(key), key).toBe(true)
    }
  })
})
