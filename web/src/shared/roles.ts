// Role codes the client must know about, and role names for display.

/**
 * The administrative roles (separation of duties): each may not be combined with any other role,
 * and a user holding one sees only the console pages of that role (route `meta.adminRoles`). The
 * server marks them with `admin_class` in `GET /security/roles`; this is the one place the client
 * names them.
 */
export const ADMIN_ROLES = ['sys_admin', 'sec_admin', 'auditor'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

export function isAdminRole(code: string): code is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(code)
}

/** The administrative roles among `roles` (normally none or one). */
export function adminRolesOf(roles: readonly string[]): AdminRole[] {
  return roles.filter(isAdminRole)
}

type Translate = (key: string) => string
type Exists = (key: string) => boolean

export function roleLabel(code: string, t: Translate, te: Exists): string {
  const key = `roles.${code}`
  return te(key) ? t(key) : code
}

/** True when an administrative role is combined with any other role (separation of duties). */
export function breaksSeparation(roles: readonly string[], adminRoles: readonly string[] = ADMIN_ROLES): boolean {
  return roles.length > 1 && roles.some((r) => adminRoles.includes(r))
}
