// Identity API: the session (`/auth/*`), administration of accounts, roles and policy, the audit
// trail and unit members. Types follow the server contract (times are RFC 3339 with +08:00).
import { buildUrl, http, type RequestOptions } from './http'
import { ADMIN_ROLES as ADMIN_ROLE_CODES } from '@/shared/roles'
import type { UnitRef } from './units'

export const ROLES = [
  'investor',
  'agency_member',
  'agency_admin',
  'unit_staff',
  'unit_lead',
  'bureau_operator',
  'leader',
  'sys_admin',
  'sec_admin',
  'auditor',
] as const
export type RoleCode = (typeof ROLES)[number]

/** Roles that may not be combined with any other role (separation of duties); see `@/shared/roles`. */
export const ADMIN_ROLES: readonly string[] = ADMIN_ROLE_CODES

/** Roles a system administrator may give when creating an account (no admin roles). */
export const BUSINESS_ROLES: readonly string[] = ROLES.filter((r) => !ADMIN_ROLES.includes(r))

export interface CompanyRef {
  id: number
  name: string
}

export interface User {
  id: number
  login_name: string | null
  name: string
  phone_masked: string | null
  email: string | null
  roles: string[]
  permissions: string[]
  unit: UnitRef | null
  company: CompanyRef | null
  must_change_password: boolean
  totp_enabled: boolean
  totp_setup_required: boolean
  is_demo: boolean
  /** The bureau and leaders: business reads reach every unit. */
  sees_all_units?: boolean
  /** The units the user may write records for; null when that is every unit. */
  scope_unit_ids?: number[] | null
}

export interface MeResponse {
  user: User | null
  csrf_token: string
  /** The server's clock (RFC 3339), for countdowns. */
  server_time?: string
}

export interface UserResponse {
  user: User
}

export interface PrivacyNotice {
  version: string
  purpose_zh: string
  purpose_en: string
  retention_zh: string
  retention_en: string
  contact_zh: string
  contact_en: string
}

export interface RegisterBody {
  phone?: string
  email?: string
  password: string
  name: string
  company: string
  credit_code?: string
  privacy_accepted: true
  privacy_version: string
}

export interface LoginBody {
  login: string
  password: string
  totp?: string
}

export interface SessionInfo {
  id: number | string
  created_at: string
  last_seen_at: string
  ip: string | null
  user_agent: string | null
  current: boolean
}

export interface TotpSetup {
  secret: string
  otpauth_uri: string
}

/** Error codes of `POST /auth/login`. */
export const TOTP_REQUIRED = 'totp_required'
export const INVALID_TOTP = 'invalid_totp'

type Opts = Pick<RequestOptions, 'signal'>

export const authApi = {
  me: (o?: Opts) => http.get<MeResponse>('/auth/me', o),
  privacyNotice: (o?: Opts) => http.get<PrivacyNotice>('/auth/privacy-notice', o),
  register: (body: RegisterBody) => http.post<UserResponse>('/auth/register', body),
  login: (body: LoginBody) => http.post<UserResponse>('/auth/login', body),
  logout: () => http.post<void>('/auth/logout'),
  changePassword: (body: { current_password: string; new_password: string }) => http.post<void>('/auth/password', body),
  sessions: (o?: Opts) => http.get<{ items: SessionInfo[] }>('/auth/sessions', o),
  endSession: (id: number | string) => http.delete<void>(`/auth/sessions/${encodeURIComponent(String(id))}`),
  totpSetup: () => http.post<TotpSetup>('/auth/totp/setup'),
  totpEnable: (code: string) => http.post<void>('/auth/totp/enable', { code }),
}

// ---- Administration --------------------------------------------------------------------------

export type AccountStatus = 'active' | 'disabled'

export interface AdminUser {
  id: number
  login_name: string | null
  name: string
  phone_masked: string | null
  email: string | null
  roles: string[]
  unit: UnitRef | null
  status: AccountStatus
  created_at: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface UserQuery {
  q?: string
  role?: string
  unit_id?: number | null
  page?: number
  page_size?: number
}

export interface CreateUserBody {
  login_name: string
  name: string
  unit_id: number
  roles: string[]
  phone?: string
  email?: string
}

export interface UpdateUserBody {
  name?: string
  unit_id?: number
  status?: AccountStatus
}

export interface RoleInfo {
  code: string
  name_zh: string
  name_en: string
  scope: string
  admin_class: string | null
  totp_required: boolean
  assignable: boolean
  permissions: string[]
}

export type PolicyValues = Record<string, string>

export const adminApi = {
  users: (query: UserQuery, o?: Opts) => http.get<Page<AdminUser>>('/admin/users', { ...o, query: { ...query } }),
  createUser: (body: CreateUserBody) => http.post<{ user: AdminUser; initial_password: string }>('/admin/users', body),
  updateUser: (id: number, body: UpdateUserBody) => http.patch<{ user: AdminUser }>(`/admin/users/${id}`, body),
  setRoles: (id: number, roles: string[]) => http.put<{ user: AdminUser }>(`/security/users/${id}/roles`, { roles }),
  roles: (o?: Opts) => http.get<{ items: RoleInfo[] }>('/security/roles', o),
  /** Replaces a business role's permissions (422 `fields.role` / `fields.permissions` when refused). */
  setRolePermissions: (code: string, permissions: string[]) =>
    http.put<{ role: RoleInfo }>(`/security/roles/${encodeURIComponent(code)}/permissions`, { permissions }),
  policy: (o?: Opts) => http.get<{ values: PolicyValues }>('/security/policy', o),
  savePolicy: (values: PolicyValues) => http.put<{ values: PolicyValues }>('/security/policy', { values }),
}

// ---- Audit trail -----------------------------------------------------------------------------

export type AuditResult = 'success' | 'failure' | 'denied'

export interface AuditEntry {
  id: number
  at: string
  actor_login: string | null
  actor_roles: string | string[] | null
  unit_id: number | null
  ip: string | null
  action: string
  object_type: string | null
  object_id: string | number | null
  result: AuditResult | string
  request_id: string | null
}

export interface AuditQuery {
  q?: string
  from?: string
  to?: string
  action?: string
  page?: number
  page_size?: number
}

export interface AuditVerify {
  ok: boolean
  checked: number
  first_broken_id: number | null
}

export const auditApi = {
  entries: (query: AuditQuery, o?: Opts) => http.get<Page<AuditEntry>>('/audit', { ...o, query: { ...query } }),
  verify: (o?: Opts) => http.get<AuditVerify>('/audit/verify', o),
  /** URL of the CSV export with the same filters (a plain GET link; no CSRF needed). */
  exportUrl: (query: AuditQuery) => buildUrl('/audit/export', { q: query.q, from: query.from, to: query.to, action: query.action }),
}

// ---- Unit members ----------------------------------------------------------------------------

export interface UnitMember {
  id: number
  name: string
  login_name: string | null
  roles: string[]
  phone_masked: string | null
}

export const unitMembersApi = {
  list: (unitId: number, o?: Opts) => http.get<{ items: UnitMember[] }>(`/units/${unitId}/members`, o),
  /** The full phone number of a person in the caller's scope (recorded in the audit trail; 404 otherwise). */
  revealPhone: (userId: number) => http.post<{ phone: string }>(`/users/${userId}/phone/reveal`),
}
