// Leader meetings (会见接洽) of dispatch: recorded by the bureau, pushed to units, read and answered
// by each unit with a registered project or a reason (docs/api.md, "Leader meetings (dispatch)").
import { http, type RequestOptions } from './http'
import type { Paged } from './intake'
import type { UnitRef } from './projects'

type Opts = Pick<RequestOptions, 'signal'>

export const MEETING_CATEGORIES = ['outbound', 'reception'] as const
export type MeetingCategory = (typeof MEETING_CATEGORIES)[number]

export const REPORT_STATUSES = ['pending', 'overdue', 'reported'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

export interface PersonRef {
  id: number
  name: string
}

/** One pushed unit's receipt of a meeting. */
export interface MeetingReceipt {
  unit: UnitRef
  pushed_at: string
  report_due_at: string
  read: boolean
  read_at: string | null
  read_by: PersonRef | null
  report_status: string
  reported_at: string | null
  reported_by: PersonRef | null
  /** Null until reported. */
  on_time: boolean | null
  project_id: number | null
  no_project_reason: string | null
}

export interface Meeting {
  id: number
  category: string
  leaders: string[]
  held_on: string
  place: string
  company: string
  summary: string
  follow_ups: string | null
  created_by: PersonRef
  created_at: string
  counts: { pushed: number; read: number; unread: number; reported: number }
  receipts: MeetingReceipt[]
}

export interface MeetingInput {
  category: MeetingCategory
  leaders: string[]
  held_on: string
  place: string
  company: string
  summary: string
  follow_ups?: string
}

export interface MeetingQuery {
  category?: string
  unit?: number | null
  from?: string
  to?: string
  report_status?: string
  q?: string
  page?: number
  page_size?: number
}

export interface FillRateRow {
  unit: UnitRef
  pushed: number
  read: number
  reported: number
  reported_on_time: number
  /** reported_on_time ÷ pushed, four decimals ("0.6667"). */
  fill_rate: string
}

export interface FillRate {
  from: string | null
  to: string | null
  items: FillRateRow[]
}

/** A unit's answer: the project it registered, or why there is none. */
export type MeetingReport = { project_id: number } | { no_project_reason: string }

interface MeetingReply {
  meeting: Meeting
}

function meetingPath(id: number, action?: string): string {
  const base = `/meetings/${encodeURIComponent(String(id))}`
  return action ? `${base}/${action}` : base
}

export const meetingsApi = {
  list: (query: MeetingQuery, o?: Opts) => http.get<Paged<Meeting>>('/meetings', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Meeting> => (await http.get<MeetingReply>(meetingPath(id), o)).meeting,
  create: async (body: MeetingInput): Promise<Meeting> => (await http.post<MeetingReply>('/meetings', body)).meeting,
  push: async (id: number, unitIds: number[]): Promise<Meeting> => (await http.post<MeetingReply>(meetingPath(id, 'push'), { unit_ids: unitIds })).meeting,
  read: async (id: number): Promise<Meeting> => (await http.post<MeetingReply>(meetingPath(id, 'read'), {})).meeting,
  report: async (id: number, body: MeetingReport): Promise<Meeting> => (await http.post<MeetingReply>(meetingPath(id, 'report'), body)).meeting,
  fillRate: (query: { from?: string; to?: string }, o?: Opts) => http.get<FillRate>('/meetings/fill-rate', { ...o, query: { ...query } }),
}

/** "0.6667" → "66.7%" (string arithmetic: the rate is a decimal string). */
export function formatFillRate(rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.')
  const digits = (whole + fraction.padEnd(4, '0').slice(0, 4)).replace(/^0+(?=\d)/, '')
  const tenths = Math.round(Number(digits) / 10)
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`
}
