import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { RoleInfo } from '@/shared/api/auth'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { applyLocale, i18n } from '@/shared/i18n'
import RolePermissionsDialog from '@/console/components/RolePermissionsDialog.vue'
import {
  diffPermissions,
  groupPermissions,
  hasChanges,
  isAdminPermission,
  isEditableRole,
  permissionCatalogue,
  permissionGroupKey,
} from '@/console/rolePermissions'

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function role(code: string, permissions: string[], extra: Partial<RoleInfo> = {}): RoleInfo {
  return { code, name_zh: code, name_en: code, scope: 'unit', admin_class: null, totp_required: false, assignable: true, permissions, ...extra }
}

/** The shape of GET /security/roles with the seeded roles. */
const ROLES: RoleInfo[] = [
  role('anonymous', ['system:health:read', 'reference:unit:read', 'auth:session:create'], { assignable: false, scope: 'none' }),
  role('authenticated', ['auth:session:read', 'auth:password:update'], { assignable: false, scope: 'none' }),
  role('investor', [], { scope: 'self' }),
  role('unit_staff', ['identity:member:read', 'identity:phone:reveal']),
  role('sys_admin', ['identity:user:read', 'identity:user:create', 'identity:unit:update'], { admin_class: 'system' }),
  role('sec_admin', ['identity:user:read', 'identity:role:read', 'identity:role:update', 'security:policy:read'], { admin_class: 'security', totp_required: true }),
  role('auditor', ['audit:entry:read', 'audit:chain:verify'], { admin_class: 'audit' }),
]

describe('role permission logic', () => {
  it('tells administrative permissions apart', () => {
    for (const code of ['identity:user:read', 'identity:role:update', 'identity:unit:update', 'security:policy:read', 'audit:entry:read']) {
      expect(isAdminPermission(code), code).toBe(true)
    }
    for (const code of ['identity:member:read', 'identity:phone:reveal', 'reference:unit:read', 'auth:session:read', 'system:health:read']) {
      expect(isAdminPermission(code), code).toBe(false)
    }
  })

  it('lets only business roles be edited', () => {
    const editable = ROLES.filter(isEditableRole).map((r) => r.code)
    expect(editable).toEqual(['investor', 'unit_staff'])
  })

  it('offers the union of all roles’ permissions minus the administrative ones, sorted', () => {
    expect(permissionCatalogue(ROLES)).toEqual([
      'auth:password:update',
      'auth:session:create',
      'auth:session:read',
      'identity:member:read',
      'identity:phone:reveal',
      'reference:unit:read',
      'system:health:read',
    ])
    expect(permissionCatalogue([])).toEqual([])
  })

  it('groups codes by their first segment', () => {
    expect(permissionGroupKey('identity:member:read')).toBe('identity')
    expect(permissionGroupKey('odd')).toBe('odd')
    expect(groupPermissions(['reference:unit:read', 'identity:phone:reveal', 'auth:me:read', 'identity:member:read', 'identity:member:read'])).toEqual([
      { key: 'auth', codes: ['auth:me:read'] },
      { key: 'identity', codes: ['identity:member:read', 'identity:phone:reveal'] },
      { key: 'reference', codes: ['reference:unit:read'] },
    ])
    expect(groupPermissions([])).toEqual([])
  })

  it('lists what is added and removed', () => {
    const diff = diffPermissions(['identity:member:read', 'identity:phone:reveal'], ['reference:unit:read', 'identity:phone:reveal', 'auth:me:read'])
    expect(diff).toEqual({ added: ['auth:me:read', 'reference:unit:read'], removed: ['identity:member:read'] })
    expect(hasChanges(diff)).toBe(true)
    const same = diffPermissions(['a:b', 'c:d'], ['c:d', 'a:b'])
    expect(same).toEqual({ added: [], removed: [] })
    expect(hasChanges(same)).toBe(false)
  })
})

describe('RolePermissionsDialog', () => {
  beforeEach(() => applyLocale('zh-CN'))
  afterEach(() => {
    resetHttp()
    document.body.innerHTML = ''
  })

  async function mountDialog(fetchImpl: typeof fetch) {
    configureHttp({ fetch: fetchImpl, csrfToken: () => 'csrf-1', locale: () => i18n.global.locale.value })
    setActivePinia(createPinia())
    const staff = ROLES.find((r) => r.code === 'unit_staff') as RoleInfo
    const wrapper = mount(RolePermissionsDialog, {
      props: { modelValue: false, role: staff, catalogue: permissionCatalogue(ROLES), 'onUpdate:modelValue': (v: boolean) => wrapper.setProps({ modelValue: v }) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    return wrapper
  }

  const $ = (sel: string) => document.body.querySelector<HTMLElement>(sel)
  const checkbox = (code: string) => $(`[data-perm="${code}"] input`) as HTMLInputElement

  it('shows grouped checkboxes, reviews the change, then saves with the CSRF token', async () => {
    const saved = role('unit_staff', ['identity:phone:reveal', 'reference:unit:read'])
    const fetchImpl = vi.fn<typeof fetch>(async () => json(200, { role: saved }))
    const wrapper = await mountDialog(fetchImpl)

    const groups = [...document.body.querySelectorAll<HTMLElement>('[data-group]')].map((g) => g.dataset.group)
    expect(groups).toEqual(['auth', 'identity', 'reference', 'system'])
    expect(checkbox('identity:member:read').checked).toBe(true)
    expect(checkbox('reference:unit:read').checked).toBe(false)
    expect($('[data-perm="identity:user:read"]')).toBeNull()
    expect(($('[data-testid="perm-review-button"]') as HTMLButtonElement).disabled).toBe(true)

    checkbox('identity:member:read').click()
    await nextTick()
    checkbox('reference:unit:read').click()
    await nextTick()
    ;($('[data-testid="perm-review-button"]') as HTMLButtonElement).click()
    await flushPromises()
    expect($('[data-testid="perm-added"]')?.textContent).toContain('reference:unit:read')
    expect($('[data-testid="perm-removed"]')?.textContent).toContain('identity:member:read')
    expect($('[data-testid="perm-removed"]')?.textContent).not.toContain('identity:phone:reveal')
    expect(fetchImpl).not.toHaveBeenCalled()

    $('[data-testid="perm-confirm"]')?.click()
    await flushPromises()
    expect(fetchImpl).toHaveBeenCalledTimes(1)
    const [url, init] = fetchImpl.mock.calls[0] ?? []
    expect(url).toBe('/api/v1/security/roles/unit_staff/permissions')
    expect(init?.method).toBe('PUT')
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1')
    expect(JSON.parse(String(init?.body)).permissions.sort()).toEqual(['identity:phone:reveal', 'reference:unit:read'])
    expect(wrapper.emitted('saved')?.[0]).toEqual([saved])
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('shows the server’s refusal and goes back to the checkboxes', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () =>
      json(422, { error: { code: 'validation_failed', message: '输入有误', fields: { permissions: '包含不允许的权限' } } }),
    )
    const wrapper = await mountDialog(fetchImpl)
    checkbox('system:health:read').click()
    await nextTick()
    ;($('[data-testid="perm-review-button"]') as HTMLButtonElement).click()
    await flushPromises()
    $('[data-testid="perm-confirm"]')?.click()
    await flushPromises()
    const error = $('[data-testid="perm-error"]')
    expect(error?.textContent).toContain('输入有误')
    expect(error?.textContent).toContain('包含不允许的权限')
    expect($('[data-testid="perm-review"]')).toBeNull()
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })
})
