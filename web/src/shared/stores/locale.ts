import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Language } from 'element-plus/es/locale'
import elEn from 'element-plus/es/locale/lang/en'
import elZhCn from 'element-plus/es/locale/lang/zh-cn'
import { applyLocale, i18n, SUPPORTED_LOCALES, type AppLocale } from '@/shared/i18n'

const elementLocales: Record<AppLocale, Language> = { 'zh-CN': elZhCn, en: elEn }

export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<AppLocale>(i18n.global.locale.value)
  const elementLocale = computed<Language>(() => elementLocales[locale.value])
  const isEnglish = computed(() => locale.value === 'en')

  function setLocale(next: AppLocale): void {
    locale.value = next
    applyLocale(next)
  }

  return { locale, elementLocale, isEnglish, locales: SUPPORTED_LOCALES, setLocale }
})
