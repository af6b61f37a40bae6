// Dispatch rounds (调度轮次): opened and closed by the bureau; the update rate per unit (项目更新率)
// and each unit's projects still to update (docs/api.md, "Dispatch rounds …").
import { http, type RequestOptions } from './http'
import type { Paged } from './intake'
import type { PersonRef } from './meetings'
import type { UnitRef } from './projects'

type Opts = Pick<RequestOptions, 'signal'>

export interface RoundUnit {
  unit: UnitRef
  undertaken: number
  updated: number
  /** updated ÷ undertaken, two decimals, rounded down ("66.66"). */
  rate_percent: string
}

export interface Round {
  id: number
  name: string
  state: string
  opened_at: string
  closes_at: string
  closed_at: string | null
  reminded_at: string | null
  opened_by: PersonRef
  units?: RoundUnit[]
}

export interface PendingProject {
  id: number
  name: string
  unit_id: number
  last_update_at: string
}

interface RoundReply {
  round: Round
}

const roundPath = (id: number, action?: string) => `/rounds/${encodeURIComponent(String(id))}${action ? `/${action}` : ''}`

export const roundsApi = {
  list: (query: { page?: number; page_size?: number }, o?: Opts) => http.get<Paged<Round>>('/rounds', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Round> => (await http.get<RoundReply>(roundPath(id), o)).round,
  open: async (body: { name: string; closes_at: string }): Promise<Round> => (await http.post<RoundReply>('/rounds', body)).round,
  close: async (id: number): Promise<Round> => (await http.post<RoundReply>(roundPath(id, 'close'), {})).round,
  pending: (id: number, unit?: number | null, o?: Opts) => http.get<{ round: Round; projects: PendingProject[] }>(roundPath(id, 'pending'), { ...o, query: { unit } }),
}
