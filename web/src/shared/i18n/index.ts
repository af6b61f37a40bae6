import { createI18n } from 'vue-i18n'
import en from '@/shared/locales/en.json'
import zhCN from '@/shared/locales/zh-CN.json'

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'
export const LOCALE_STORAGE_KEY = 'zhaoyin.locale'

export type MessageSchema = typeof zhCN

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null // storage disabled (privacy mode)
  }
}

/** The remembered locale, or the default (zh-CN) when nothing valid is stored. */
export function readStoredLocale(storage: StorageLike | null = defaultStorage()): AppLocale {
  try {
    const value = storage?.getItem(LOCALE_STORAGE_KEY)
    return isAppLocale(value) ? value : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export function storeLocale(locale: AppLocale, storage: StorageLike | null = defaultStorage()): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // ignore: the choice then lasts for this page only
  }
}

export function createAppI18n(locale: AppLocale = readStoredLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { 'zh-CN': zhCN, en },
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** The application's single i18n instance. */
export const i18n: AppI18n = createAppI18n()

/** Applies a locale to i18n, <html lang>, and localStorage. */
export function applyLocale(locale: AppLocale, instance: AppI18n = i18n): void {
  instance.global.locale.value = locale
  storeLocale(locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}
