// Editing what a business role may do (Roles & security). Only business roles are editable: no
// `admin_class` and assignable (so not anonymous, authenticated, sys_admin, sec_admin, auditor).
// Administrative permissions stay with the administrative roles; the server refuses them (422).
import type { RoleInfo } from '@/shared/api/auth'

/** Code prefixes of the administrative permissions, which business roles may not hold. */
export const ADMIN_PERMISSION_PREFIXES = ['identity:user', 'identity:role', 'identity:unit', 'security:', 'audit:'] as const

export function isAdminPermission(code: string): boolean {
  return ADMIN_PERMISSION_PREFIXES.some((prefix) => code.startsWith(prefix))
}

/** True for the roles whose permissions a security administrator may change. */
export function isEditableRole(role: Pick<RoleInfo, 'admin_class' | 'assignable'>): boolean {
  return role.admin_class === null && role.assignable
}

/** The permissions a business role may be given: every code any role holds, minus the administrative ones, sorted. */
export function permissionCatalogue(roles: readonly Pick<RoleInfo, 'permissions'>[]): string[] {
  const all = new Set<string>()
  for (const role of roles) for (const code of role.permissions) if (!isAdminPermission(code)) all.add(code)
  return [...all].sort()
}

export interface PermissionGroup {
  /** The code's first segment (`identity` for `identity:member:read`). */
  key: string
  codes: string[]
}

/** The first segment of a permission code. */
export function permissionGroupKey(code: string): string {
  const i = code.indexOf(':')
  return i < 0 ? code : code.slice(0, i)
}

/** Groups codes by their first segment; groups and codes in each group sorted, duplicates dropped. */
export function groupPermissions(codes: readonly string[]): PermissionGroup[] {
  const groups = new Map<string, Set<string>>()
  for (const code of codes) {
    const key = permissionGroupKey(code)
    let set = groups.get(key)
    if (!set) groups.set(key, (set = new Set()))
    set.add(code)
  }
  return [...groups.keys()].sort().map((key) => ({ key, codes: [...(groups.get(key) ?? [])].sort() }))
}

export interface PermissionDiff {
  added: string[]
  removed: string[]
}

/** What changes from `before` to `after` (both sorted). */
export function diffPermissions(before: readonly string[], after: readonly string[]): PermissionDiff {
  const was = new Set(before)
  const now = new Set(after)
  return {
    added: [...now].filter((c) => !was.has(c)).sort(),
    removed: [...was].filter((c) => !now.has(c)).sort(),
  }
}

export function hasChanges(diff: PermissionDiff): boolean {
  return diff.added.length > 0 || diff.removed.length > 0
}
