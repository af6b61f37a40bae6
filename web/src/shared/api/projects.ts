// Key-project dispatch API: registration, the scoped list, one project with its stages, funds and
// timeline, edits, dispatch updates and the investor's progress (docs/api.md, "Key projects
// (dispatch)"). Dates are `YYYY-MM-DD`; times RFC 3339 with +08:00; money decimal strings.
import { buildUrl, http, type RequestOptions } from './http'
import type { Attachment, CapitalType, Currency, Paged } from './intake'

type Opts = Pick<RequestOptions, 'signal'>

export const PROJECT_SOURCES = ['meeting', 'event', 'intent', 'agency', 'unit'] as const
export type ProjectSource = (typeof PROJECT_SOURCES)[number]

export const PROJECT_STAGES = ['planning', 'negotiating', 'signed', 'registered', 'started', 'building', 'operating', 'full_capacity'] as const

export const TIMELINE_KINDS = ['registered', 'updated', 'stage', 'dates', 'funds', 'edited'] as const

export interface UnitRef {
  id: number
  name: string
}

export interface ProjectFlags {
  /** At least 5 亿 yuan (US dollars at the city's rate). */
  signed_large: boolean
  campaign: boolean
  task_force_unit: UnitRef | null
}

/** A line of `GET /projects`. */
export interface ProjectSummary {
  id: number
  name: string
  code_name: string | null
  company: string
  credit_code: string | null
  industry: string
  capital_type: string
  investment_total: string
  currency: string
  undertaking_unit: UnitRef | null
  collaborating_units: UnitRef[]
  source: string
  meeting_id: number | null
  event_id: number | null
  intent_id: number | null
  flags: ProjectFlags
  stage: string
  stage_name: string
  created_by: { id: number; name: string }
  created_at: string
  last_update_at: string
  /** Whole days since the last dispatch record. */
  freshness_days: number
  /** Traffic light (green/yellow/red), once the server gives one. */
  light?: string | null
  light_reasons?: LightReason[]
  /** Secret values are masked (`***`); cleared people may reveal them. */
  confidential?: boolean
}

export interface LightReason {
  /** behind_plan, start_slipped or not_updated. */
  code: string
  level: string
  stage?: string
  days?: number
  months?: number
}

export interface ProjectContact {
  id: number
  name: string
  role: string
  phone: string | null
  email: string | null
}

export const PROCEDURE_STATUSES = ['not_started', 'in_progress', 'approved', 'rejected'] as const

export interface ProjectProcedure {
  code: string
  name?: string
  phase?: string
  status: string
  applied_on: string | null
  approved_on: string | null
}

export interface PossibleDuplicate {
  /** intent, project or meeting. */
  type: string
  id: number
  title: string
  why: string
}

/** What a cleared person sees of a confidential project after revealing it. */
export interface RevealedProject {
  project_id: number
  name: string
  company: string
  credit_code: string | null
  investment_total: string
  currency: string
  notes: string | null
  funds: FundArrival[]
}

export interface InvestorAccount {
  investor: { id: number; login_name: string | null; name: string; phone_masked: string | null; email: string | null }
  initial_password: string
}

export interface ProjectStage {
  code: string
  name: string
  landed: boolean
  planned_on: string | null
  actual_on: string | null
  reached: boolean
  current: boolean
}

export interface FundArrival {
  id: number
  arrived_on: string
  amount: string
  currency: string
}

export interface ProjectTimelineEntry {
  at: string
  kind: string
  actor_name: string | null
  text: string
  detail: string | null
}

export interface Project extends ProjectSummary {
  stages: ProjectStage[]
  funds: FundArrival[]
  timeline: ProjectTimelineEntry[]
  site_video_url?: string | null
  notes?: string | null
  can_reveal?: boolean
  contacts?: ProjectContact[]
  procedures?: ProjectProcedure[]
  sources?: { source: string; id: number | null; registered_at: string }[]
  possible_duplicates?: PossibleDuplicate[]
  merged_into?: number | null
  attachments?: Attachment[]
}

export interface StageDate {
  stage: string
  planned_on?: string
  actual_on?: string
}

/** `POST /projects` body. */
export interface ProjectInput {
  name: string
  code_name?: string
  company: string
  credit_code?: string
  industry: string
  capital_type: CapitalType
  investment_total: string
  currency: Currency
  undertaking_unit_id: number | null
  collaborating_unit_ids?: number[]
  source: ProjectSource
  meeting_id?: number
  event_id?: number
  intent_id?: number
  campaign?: boolean
  task_force_unit_id?: number
  stage?: string
  stage_dates?: StageDate[]
  confidential?: boolean
  notes?: string
  site_video_url?: string
  contacts?: ContactInput[]
  procedures?: ProcedureInput[]
}

export interface ContactInput {
  name: string
  role: string
  phone?: string
  email?: string
}

export interface ProcedureInput {
  code: string
  status: string
  applied_on?: string
  approved_on?: string
}

export interface ProcedureType {
  code: string
  name_zh: string
  name_en: string
  phase: string
  position: number
}

/** `PATCH /projects/{id}` body: only the fields that change (null clears the task force). */
export type ProjectChanges = Partial<Omit<ProjectInput, 'source' | 'meeting_id' | 'event_id' | 'intent_id' | 'stage' | 'stage_dates' | 'task_force_unit_id' | 'procedures'>> & {
  task_force_unit_id?: number | null
}

/** `POST /projects/{id}/updates` body: one dispatch record. */
export interface ProjectUpdateInput {
  text: string
  stage?: string
  funds?: { arrived_on: string; amount: string; currency: Currency }
  stage_dates?: StageDate[]
  procedures?: ProcedureInput[]
}

export const LIGHTS = ['green', 'yellow', 'red'] as const

export interface ProjectQuery {
  light?: string
  unit?: number | null
  stage?: string
  industry?: string
  source?: string
  signed_large?: boolean | null
  campaign?: boolean | null
  q?: string
  stale_days?: number | null
  page?: number
  page_size?: number
  /** Filters a dashboard figure's drill adds (period, entered_stage, chain, section, campaign code, min_investment, …), passed on as they are. */
  [drill: string]: string | number | boolean | null | undefined
}

/** What the investor sees of a project. */
export interface ProjectProgress {
  project_id: number
  name: string
  current: string
  stages: ProjectStage[]
  last_update_at: string
  freshness_days: number
}

interface ProjectReply {
  project: Project
}

function projectPath(id: number, action?: string): string {
  const base = `/projects/${encodeURIComponent(String(id))}`
  return action ? `${base}/${action}` : base
}

export const projectsApi = {
  list: (query: ProjectQuery, o?: Opts) => http.get<Paged<ProjectSummary>>('/projects', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Project> => (await http.get<ProjectReply>(projectPath(id), o)).project,
  register: async (body: ProjectInput): Promise<Project> => (await http.post<ProjectReply>('/projects', body)).project,
  edit: async (id: number, changes: ProjectChanges): Promise<Project> => (await http.patch<ProjectReply>(projectPath(id), changes)).project,
  update: async (id: number, body: ProjectUpdateInput): Promise<Project> => (await http.post<ProjectReply>(projectPath(id, 'updates'), body)).project,
  progress: (id: number, o?: Opts) => http.get<ProjectProgress>(projectPath(id, 'progress'), o),
  /** The masked values of a confidential project; each reveal is audited. */
  reveal: (id: number) => http.post<RevealedProject>(projectPath(id, 'reveal'), {}),
  /** Opens an investor account that sees this project; the initial password is shown once. */
  addInvestor: (id: number, body: { name: string; phone?: string; email?: string }) => http.post<InvestorAccount>(projectPath(id, 'investors'), body),
  /** Uploads one file (PDF or image; the server checks the type by its content). */
  attach: async (id: number, file: Blob, name: string): Promise<Attachment> =>
    (await http.post<{ attachment: Attachment }>(projectPath(id, 'attachments'), file, { query: { name } })).attachment,
  /** Merges `duplicateId` into this project (the earlier registered one stays). */
  merge: async (id: number, duplicateId: number): Promise<Project> => (await http.post<ProjectReply>(projectPath(id, 'merge'), { duplicate_id: duplicateId })).project,
}

/** Where a project's attachment is downloaded from (a plain GET link; the session cookie goes along). */
export function projectAttachmentUrl(projectId: number, attachmentId: number): string {
  return buildUrl(`${projectPath(projectId, 'attachments')}/${encodeURIComponent(String(attachmentId))}`)
}

export function fetchProcedureTypes(o?: Opts): Promise<{ items: ProcedureType[] }> {
  return http.get<{ items: ProcedureType[] }>('/procedure-types', o)
}

/** The largest page the server serves; exports walk the list page by page. */
export const EXPORT_PAGE_SIZE = 100

/** Every line of the filtered list, page by page (for the CSV export). */
export async function listAllProjects(query: Omit<ProjectQuery, 'page' | 'page_size'>, o?: Opts): Promise<ProjectSummary[]> {
  const out: ProjectSummary[] = []
  for (let page = 1; ; page += 1) {
    const res = await projectsApi.list({ ...query, page, page_size: EXPORT_PAGE_SIZE }, o)
    out.push(...res.items)
    if (res.items.length === 0 || out.length >= res.total) return out
  }
}
