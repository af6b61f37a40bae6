import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox, type MessageBoxData } from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import UnitDetailDrawer from '@/console/components/UnitDetailDrawer.vue'
import type { UnitDetailResponse, UnitSummary } from '@/shared/api/units'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { applyLocale, i18n } from '@/shared/i18n'
import { useSessionStore } from '@/shared/stores/session'
import {
  changedFields,
  checkIndustries,
  checkUnitName,
  checkUnitPhone,
  cleanIndustries,
  unitChanges,
  unitFormValues,
  utf8Length,
  validateUnitForm,
} from '@/shared/units/edit'
import { makeUser } from './fixtures/users'

function chengyang(overrides: Partial<UnitSummary> = {}): UnitSummary {
  return {
    id: 7,
    parent_id: 1,
    code: '370214',
    type: 'district',
    name_zh: '城阳区',
    name_en: 'Chengyang District',
    phone: '0532-87866000',
    leading_industries: ['轨道交通', '橡胶塑料'],
    leading_industries_en: ['rail transit', 'rubber and plastics'],
    illustrative: false,
    ...overrides,
  }
}

describe('unit edit form logic', () => {
  const initial = unitFormValues(chengyang())

  it('starts from the unit (a missing phone or English list becomes empty)', () => {
    expect(unitFormValues(chengyang({ phone: null, leading_industries_en: undefined }))).toEqual({
      name_zh: '城阳区',
      name_en: 'Chengyang District',
      phone: '',
      leading_industries: ['轨道交通', '橡胶塑料'],
      leading_industries_en: [],
    })
  })

  it('accepts phones the server accepts and nothing else', () => {
    for (const ok of ['0532-87866000', '+86 (532) 8786 6000', '12345', '', '  ']) expect(checkUnitPhone(ok), ok).toBeNull()
    for (const bad of ['12', 'abc', '0532-8786 转 1', '1'.repeat(31), '0532_87866000']) expect(checkUnitPhone(bad), bad).toBe('validation.unitPhone')
  })

  it('checks names and industry lists in UTF-8 bytes as the server does', () => {
    expect(utf8Length('城阳')).toBe(6)
    expect(checkUnitName('  ')).toBe('validation.required')
    expect(checkUnitName('城'.repeat(66))).toBeNull()
    expect(checkUnitName('城'.repeat(67))).toBe('validation.unitNameLong')
    expect(checkIndustries(Array.from({ length: 20 }, (_, i) => `产业${i}`))).toBeNull()
    expect(checkIndustries(Array.from({ length: 21 }, (_, i) => `产业${i}`))).toBe('validation.industriesTooMany')
    expect(checkIndustries(['轨'.repeat(33)])).toBeNull()
    expect(checkIndustries(['轨'.repeat(34)])).toBe('validation.industryLong')
    expect(checkIndustries([' '])).toBe('validation.industryLong')
  })

  it('cleans tag lists: trims, drops empty items and repeats', () => {
    expect(cleanIndustries([' 金融 ', '', '金融', '航运  贸易'])).toEqual(['金融', '航运 贸易'])
    expect(cleanIndustries(undefined)).toEqual([])
  })

  it('sends only what changed; an emptied phone is cleared with null', () => {
    expect(unitChanges(initial, { ...initial, name_zh: ' 城阳区 ' })).toEqual({})
    expect(unitChanges(initial, { ...initial, phone: ' 0532-80000000 ' })).toEqual({ phone: '0532-80000000' })
    expect(unitChanges(initial, { ...initial, phone: '' })).toEqual({ phone: null })
    const reordered = unitChanges(initial, { ...initial, leading_industries: ['橡胶塑料', '轨道交通'], name_en: 'Chengyang' })
    expect(reordered).toEqual({ name_en: 'Chengyang', leading_industries: ['橡胶塑料', '轨道交通'] })
    expect(changedFields(reordered)).toEqual(['name_en', 'leading_industries'])
  })

  it('validates the fields to be sent', () => {
    expect(validateUnitForm(initial, { ...initial, name_zh: '', phone: 'x' })).toMatchObject({
      name_zh: 'validation.required',
      phone: 'validation.unitPhone',
      name_en: null,
    })
    // An English name that was empty may stay empty; clearing one is refused.
    const noEnglish = unitFormValues(chengyang({ name_en: '' }))
    expect(validateUnitForm(noEnglish, noEnglish).name_en).toBeNull()
    expect(validateUnitForm(initial, { ...initial, name_en: ' ' }).name_en).toBe('validation.required')
  })
})

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

describe('UnitDetailDrawer editing', () => {
  let calls: { key: string; body: unknown }[]
  let patch: (body: Record<string, unknown>) => Response
  let unit: UnitSummary

  beforeEach(() => {
    applyLocale('zh-CN')
    calls = []
    unit = chengyang()
    patch = (body) => {
      unit = { ...unit, ...body } as UnitSummary
      return json(200, { unit })
    }
  })
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  async function mountDrawer(permissions: string[]) {
    const fetchImpl = vi.fn<typeof fetch>(async (input, init = {}) => {
      const key = `${init.method ?? 'GET'} ${String(input).split('?')[0]}`
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {}
      calls.push({ key, body })
      if (key === 'GET /api/v1/auth/me') return json(200, { user: makeUser({ roles: ['sys_admin'], permissions }), csrf_token: 'tok' })
      if (key === 'GET /api/v1/units/7') {
        const detail: UnitDetailResponse = { unit, parent: { id: 1, name_zh: '青岛市', name_en: 'Qingdao' }, children: [] }
        return json(200, detail)
      }
      if (key === 'PATCH /api/v1/admin/units/7') return patch(body)
      if (key === 'GET /api/v1/units') return json(200, { tree: [{ ...unit, children: [] }], total: 1 })
      return json(404, { error: { code: 'not_found', message: 'not found' } })
    })
    configureHttp({ fetch: fetchImpl, locale: () => i18n.global.locale.value })
    const pinia = createPinia()
    setActivePinia(pinia)
    await useSessionStore().refresh()
    const wrapper = mount(UnitDetailDrawer, {
      props: { modelValue: false, unitId: 7 },
      global: { plugins: [pinia, i18n] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    return wrapper
  }

  /** Element Plus shows form-item errors after a 100 ms debounce. */
  async function settle(): Promise<void> {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 130))
    await flushPromises()
  }

  const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector)

  async function setInput(testid: string, value: string): Promise<void> {
    const input = $(`input[data-testid="${testid}"]`) ?? $(`[data-testid="${testid}"] input`)
    if (!input) throw new Error(`no input ${testid}`)
    ;(input as HTMLInputElement).value = value
    input.dispatchEvent(new Event('input'))
    await flushPromises()
  }

  it('shows no edit button without identity:unit:update', async () => {
    const wrapper = await mountDrawer(['identity:user:read'])
    expect(document.body.textContent).toContain('0532-87866000')
    expect($('[data-testid="unit-edit"]')).toBeNull()
    wrapper.unmount()
  })

  it('checks the form before asking, confirms, shows server field errors, then saves and refreshes the tree', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as unknown as MessageBoxData)
    const wrapper = await mountDrawer(['identity:unit:update'])
    $('[data-testid="unit-edit"]')?.click()
    await flushPromises()
    expect($('[data-testid="unit-edit-dialog"]')).not.toBeNull()
    expect(($('input[data-testid="unit-edit-phone"]') as HTMLInputElement).value).toBe('0532-87866000')

    // Our own check: nothing is sent.
    await setInput('unit-edit-phone', '0532 转 1')
    $('[data-testid="unit-edit-save"]')?.click()
    await settle()
    expect(document.body.querySelector('.el-form-item__error')?.textContent).toBe(i18n.global.t('validation.unitPhone'))
    expect(confirm).not.toHaveBeenCalled()
    expect(calls.some((c) => c.key.startsWith('PATCH'))).toBe(false)

    // The server's field message goes under its field.
    patch = () => json(422, { error: { code: 'validation_failed', message: '提交的内容有误', fields: { phone: '取值无效。' } } })
    await setInput('unit-edit-phone', '0532-80000000')
    $('[data-testid="unit-edit-save"]')?.click()
    await settle()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0]?.[0])).toContain('电话')
    expect(calls.filter((c) => c.key === 'PATCH /api/v1/admin/units/7').map((c) => c.body)).toEqual([{ phone: '0532-80000000' }])
    expect($('[data-testid="unit-edit-error"]')?.textContent).toContain('提交的内容有误')
    expect(document.body.querySelector('.el-form-item__error')?.textContent).toContain('取值无效')

    // Saved: the drawer shows the new phone and the tree is read again.
    patch = (body) => {
      unit = { ...unit, ...body } as UnitSummary
      return json(200, { unit })
    }
    const treeReads = calls.filter((c) => c.key === 'GET /api/v1/units').length
    $('[data-testid="unit-edit-save"]')?.click()
    await settle()
    expect(confirm).toHaveBeenCalledTimes(2)
    expect(calls.filter((c) => c.key === 'GET /api/v1/units').length).toBe(treeReads + 1)
    expect(document.body.querySelector('.unit-detail')?.textContent).toContain('0532-80000000')
    wrapper.unmount()
  })

  it('does nothing when the confirmation is cancelled', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const wrapper = await mountDrawer(['identity:unit:update'])
    $('[data-testid="unit-edit"]')?.click()
    await flushPromises()
    await setInput('unit-edit-name-en', 'Chengyang')
    $('[data-testid="unit-edit-save"]')?.click()
    await settle()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(calls.some((c) => c.key.startsWith('PATCH'))).toBe(false)
    wrapper.unmount()
  })
})
