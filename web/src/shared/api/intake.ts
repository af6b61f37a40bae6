// Intake API: investors' intents, their routing and the docking workflow, the staff inbox, the
// notification centre, the public accountability board and the project stages (docs/api.md,
// "Docking workflow (intake)"). Times are RFC 3339 with +08:00.
import { buildUrl, http, type RequestOptions } from './http'

type Opts = Pick<RequestOptions, 'signal'>

export const CURRENCIES = ['CNY', 'USD'] as const
export type Currency = (typeof CURRENCIES)[number]

export const CAPITAL_TYPES = ['domestic', 'foreign'] as const
export type CapitalType = (typeof CAPITAL_TYPES)[number]

export const INTENT_STATUSES = ['routed', 'claimed', 'contacted', 'docked', 'declined_all', 'withdrawn'] as const
export type IntentStatus = (typeof INTENT_STATUSES)[number]

export const INTENT_ACTIONS = ['claim', 'contact', 'dock', 'decline', 'transfer', 'pause', 'resume', 'stage', 'reply', 'decide'] as const
export type IntentAction = (typeof INTENT_ACTIONS)[number]

export const CONTACT_CHANNELS = ['phone', 'visit', 'meeting', 'email', 'wechat'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]

export const ASSIGNMENT_ROLES = ['candidate', 'primary', 'collaborator', 'informed', 'declined', 'transferred'] as const
export const ASSIGNMENT_STEPS = ['acknowledge', 'first_contact', 'dock'] as const

export const TIMELINE_KINDS = [
  'submitted',
  'routed',
  'claimed',
  'joined',
  'contacted',
  'docked',
  'declined',
  'rerouted',
  'transferred',
  'paused',
  'resumed',
  'replied',
  'overdue',
  'escalated',
  'reminded',
  'stage',
  'disputed',
  'decided',
  'attached',
  'duplicate',
  'withdrawn',
] as const

/** `POST /intents` body. */
export interface IntentInput {
  title: string
  company: string
  credit_code?: string
  contact_name: string
  contact_phone: string
  industry: string
  investment_total: string
  currency: Currency
  capital_type: CapitalType
  preferred_units?: number[]
  land_mu?: string
  jobs?: number
  description: string
}

export interface RoutingCandidate {
  unit_id: number
  unit_name: string
  score: number
  informed_only?: boolean
  reasons: string[]
}

export interface Assignment {
  id?: number
  unit_id: number
  unit_name?: string
  user_id?: number | null
  user_name?: string | null
  role: string
  step: string | null
  due_at: string | null
  met_at?: string | null
  overdue?: boolean
  paused?: boolean
  pause_reason?: string | null
  escalation_level?: number
  excused?: boolean
  /** The latest board contest of this item: pending, accepted or rejected. */
  contest_status?: string | null
}

export interface TimelineEntry {
  at: string
  kind: string
  actor_name: string | null
  unit_name: string | null
  text: string | null
}

export interface UnitContact {
  id: number
  name: string
  phone: string | null
}

export interface Attachment {
  id: number
  name: string
  content_type: string
  size: number
  created_at: string
}

/** Attachment limits of the server (size per file, files per intent) and the accepted types. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
export const ATTACHMENT_MAX_COUNT = 10
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp'

export interface Intent {
  id: number
  title: string
  company: string
  credit_code: string | null
  contact_name: string
  contact_phone_masked?: string | null
  /** The full number, where the server gives it to staff handling the intent. */
  contact_phone?: string | null
  industry: string
  investment_total: string
  currency: string
  capital_type: string
  preferred_units: number[]
  land_mu: string | null
  jobs: number | null
  description: string
  status: string
  stage?: string | null
  created_at: string
  claimed_at?: string | null
  first_contact_at?: string | null
  docked_at?: string | null
  primary_unit?: UnitContact | null
  handler?: { user_id: number; name: string } | null
  disputed?: boolean
  duplicate_of?: { id: number; title: string } | null
  routing: RoutingCandidate[]
  assignments: Assignment[]
  timeline?: TimelineEntry[]
  attachments?: Attachment[]
  actions?: string[]
}

/** A row of `GET /intents`. */
export interface IntentSummary {
  id: number
  title: string
  company: string
  industry: string
  investment_total: string
  currency: string
  capital_type: string
  status: string
  stage?: string | null
  created_at: string
}

export interface Paged<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface InboxItem {
  intent_id: number
  assignment_id: number
  title: string
  company: string
  industry: string
  investment_total: string
  currency: string
  capital_type: string
  status: string
  /** Two areas claimed it; the bureau decides. */
  disputed?: boolean
  /** Flagged as a possible duplicate of an earlier intent (the intent's page links to it). */
  duplicate?: boolean
  unit_id: number
  unit_name: string
  role: string
  step: string | null
  due_at: string | null
  overdue: boolean
  paused: boolean
  assigned_user_id: number | null
  assigned_user_name: string | null
  mine: boolean
  created_at: string
}

export type InboxView = 'open' | 'all'

export interface InboxQuery {
  view?: InboxView
  q?: string
  page?: number
  page_size?: number
}

export interface Stage {
  code: string
  name_zh: string
  name_en: string
  position: number
  landed: boolean
}

export interface AppNotification {
  id: number
  /** e.g. `intent.routed`, `intent.claimed`, `intent.overdue`. */
  kind: string
  /** What it is about (the intent's title). */
  subject?: string | null
  title?: string | null
  body?: string | null
  link: string | null
  created_at: string
  read_at: string | null
}

export interface NotificationsPage {
  items: AppNotification[]
  total: number
  unread: number
}

export interface BoardTotals {
  received: number
  docked: number
  docking_rate: number | null
  landed: number
  median_first_contact_minutes: number | null
}

export interface BoardUnit {
  unit_id: number
  unit_name: string
  received: number
  acknowledged: number
  docked: number
  docking_rate: number | null
  landed: number
  median_first_contact_minutes: number | null
}

export interface BoardOverdue {
  unit_id: number
  unit_name: string
  count: number
  oldest_due_at: string | null
}

export interface Board {
  totals: BoardTotals
  units: BoardUnit[]
  overdue: BoardOverdue[]
  min_sample: number
  generated_at: string
}

/** A staff member as person-level routing sees them (`GET /units/{id}/intake-staff`). */
export interface IntakeStaff {
  user_id: number
  name: string
  on_leave: boolean
  capacity: number
  open_items: number
}

/** The server's bounds of `capacity`. */
export const STAFF_CAPACITY_MAX = 500

export const CONTEST_STATUSES = ['pending', 'accepted', 'rejected'] as const

/** A unit lead's contest of an overdue listing on the public board. */
export interface BoardContest {
  id: number
  assignment_id: number
  unit_id: number
  unit_name: string
  intent_id: number
  intent_title: string
  reason: string
  status: string
  created_at: string
  decided_at: string | null
  note: string | null
}

export type ContestFilter = 'pending' | 'all'

interface IntentReply {
  intent: Intent
}

function intentPath(id: number, action?: string): string {
  const base = `/intents/${encodeURIComponent(String(id))}`
  return action ? `${base}/${action}` : base
}

async function act(id: number, action: string, body: object = {}): Promise<Intent> {
  const res = await http.post<IntentReply>(intentPath(id, action), body)
  return res.intent
}

export const intakeApi = {
  submit: async (body: IntentInput): Promise<Intent> => (await http.post<IntentReply>('/intents', body)).intent,
  list: (query: { page?: number; page_size?: number }, o?: Opts) => http.get<Paged<IntentSummary>>('/intents', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Intent> => (await http.get<IntentReply>(intentPath(id), o)).intent,
  inbox: (query: InboxQuery, o?: Opts) => http.get<Paged<InboxItem>>('/inbox', { ...o, query: { ...query } }),
  claim: (id: number) => act(id, 'claim'),
  contact: (id: number, body: { channel: ContactChannel; summary: string; contacted_at?: string }) => act(id, 'contact', body),
  dock: (id: number, summary: string) => act(id, 'dock', { summary }),
  decline: (id: number, reason: string) => act(id, 'decline', { reason }),
  transfer: (id: number, unitId: number, reason: string) => act(id, 'transfer', { unit_id: unitId, reason }),
  pause: (id: number, reason: string) => act(id, 'pause', { reason }),
  resume: (id: number) => act(id, 'resume'),
  stage: (id: number, stage: string) => act(id, 'stage', { stage }),
  reply: (id: number, text: string) => act(id, 'reply', { text }),
  decide: (id: number, unitId: number) => act(id, 'decide', { unit_id: unitId }),
  /** Uploads one file (PDF or image; the server checks the type by its content). */
  attach: async (id: number, file: Blob, name: string): Promise<Attachment> =>
    (await http.post<{ attachment: Attachment }>(intentPath(id, 'attachments'), file, { query: { name } })).attachment,
}

/** Where an attachment is downloaded from (a plain GET link; the session cookie goes along). */
export function attachmentUrl(intentId: number, attachmentId: number): string {
  return buildUrl(`${intentPath(intentId, 'attachments')}/${encodeURIComponent(String(attachmentId))}`)
}

export const notificationsApi = {
  list: (page = 1, o?: Opts) => http.get<NotificationsPage>('/notifications', { ...o, query: { page } }),
  /** Marks the given notifications read (all when `ids` is omitted); answers the new unread count. */
  markRead: (ids?: number[]) => http.post<{ unread: number }>('/notifications/read', ids ? { ids } : {}),
}

export const boardApi = {
  get: (o?: Opts) => http.get<Board>('/public/board', o),
  /** A unit lead contests an overdue listing (409 when there is nothing to contest). */
  contest: async (assignmentId: number, reason: string): Promise<BoardContest> =>
    (await http.post<{ contest: BoardContest }>('/board/contests', { assignment_id: assignmentId, reason })).contest,
  contests: (query: { status?: ContestFilter; page?: number; page_size?: number }, o?: Opts) =>
    http.get<Paged<BoardContest>>('/board/contests', { ...o, query: { ...query } }),
  /** The bureau decides; accepted excuses the overdue item (409 when already decided). */
  decide: async (id: number, accept: boolean, note: string): Promise<BoardContest> =>
    (await http.post<{ contest: BoardContest }>(`/board/contests/${encodeURIComponent(String(id))}/decide`, { accept, note })).contest,
}

function staffPath(unitId: number, userId?: number): string {
  const base = `/units/${encodeURIComponent(String(unitId))}/intake-staff`
  return userId === undefined ? base : `${base}/${encodeURIComponent(String(userId))}`
}

export const intakeStaffApi = {
  list: (unitId: number, o?: Opts) => http.get<{ items: IntakeStaff[] }>(staffPath(unitId), o),
  /** Answers the unit's staff list after the change. */
  update: (unitId: number, userId: number, body: { on_leave: boolean; capacity: number }) =>
    http.put<{ items: IntakeStaff[] }>(staffPath(unitId, userId), body),
}

export function fetchStages(o?: Opts): Promise<{ items: Stage[] }> {
  return http.get<{ items: Stage[] }>('/stages', o)
}
