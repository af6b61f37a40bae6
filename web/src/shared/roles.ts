// Role names for display: our locale text for known roles, else the code.
type Translate = (key: string) => string
type Exists = (key: string) => boolean

export function roleLabel(code: string, t: Translate, te: Exists): string {
  const key = `roles.${code}`
  return te(key) ? t(key) : code
}

/** True when an administrative role is combined with any other role (separation of duties). */
export function breaksSeparation(roles: readonly string[], adminRoles: readonly string[]): boolean {
  return roles.length > 1 && roles.some((r) => adminRoles.includes(r))
}
