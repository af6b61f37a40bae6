import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { applyLocale, createAppI18n, DEFAULT_LOCALE, i18n, LOCALE_STORAGE_KEY, readStoredLocale, storeLocale } from '@/shared/i18n'
import { useLocaleStore } from '@/shared/stores/locale'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  }
}

describe('locale persistence', () => {
  beforeEach(() => {
    localStorage.clear()
    applyLocale(DEFAULT_LOCALE)
  })

  it('defaults to zh-CN', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN')
    expect(readStoredLocale(memoryStorage())).toBe('zh-CN')
    expect(readStoredLocale(null)).toBe('zh-CN')
  })

  it('reads a stored supported locale and ignores anything else', () => {
    expect(readStoredLocale(memoryStorage({ [LOCALE_STORAGE_KEY]: 'en' }))).toBe('en')
    expect(readStoredLocale(memoryStorage({ [LOCALE_STORAGE_KEY]: 'fr' }))).toBe('zh-CN')
  })

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(readStoredLocale(broken)).toBe('zh-CN')
    expect(() => storeLocale('en', broken)).not.toThrow()
  })

  it('applyLocale switches messages, <html lang> and storage', () => {
    applyLocale('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(i18n.global.t('nav.directory')).toBe('Directory')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
    applyLocale('zh-CN')
    expect(i18n.global.t('nav.directory')).toBe('机构名录')
  })

  it('createAppI18n starts from the remembered locale', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en')
    expect(createAppI18n().global.locale.value).toBe('en')
  })

  it('the locale store switches the Element Plus locale too', () => {
    setActivePinia(createPinia())
    const store = useLocaleStore()
    expect(store.elementLocale.name).toBe('zh-cn')
    store.setLocale('en')
    expect(store.locale).toBe('en')
    expect(store.isEnglish).toBe(true)
    expect(store.elementLocale.name).toBe('en')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en')
  })
})
