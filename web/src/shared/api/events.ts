// Major events (重大活动) and their signed projects, with the funnel at the event and now
// (docs/api.md, "Major events (dispatch)").
import { http, type RequestOptions } from './http'
import type { Paged } from './intake'
import type { PersonRef } from './meetings'

type Opts = Pick<RequestOptions, 'signal'>

export const FUNNEL_STEPS = ['in_talks', 'signed', 'registered', 'started'] as const
export type FunnelStep = (typeof FUNNEL_STEPS)[number]

export interface StepFigures {
  projects: number
  /** Decimal strings per currency; the currencies are never added. */
  investment: { CNY: string; USD: string }
}

export type Steps = Record<FunnelStep, StepFigures>

export interface FunnelChange {
  project_id: number
  name: string
  from: string
  to: string
  from_step: string
  to_step: string
}

export interface Funnel {
  at_event: Steps
  now: Steps
  changes: FunnelChange[]
}

export interface Signing {
  id: number
  project_id: number
  project_name: string
  signed_on: string
  amount: string
  currency: string
}

export interface MajorEvent {
  id: number
  name: string
  starts_on: string
  ends_on: string
  place: string
  organiser: string
  description: string
  created_by: PersonRef
  created_at: string
  signings?: Signing[]
  funnel?: Funnel
}

export interface EventInput {
  name: string
  starts_on: string
  ends_on: string
  place: string
  organiser: string
  description?: string
}

interface EventReply {
  event: MajorEvent
}

const eventPath = (id: number, action?: string) => `/events/${encodeURIComponent(String(id))}${action ? `/${action}` : ''}`

export const eventsApi = {
  list: (query: { q?: string; page?: number; page_size?: number }, o?: Opts) => http.get<Paged<MajorEvent>>('/events', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<MajorEvent> => (await http.get<EventReply>(eventPath(id), o)).event,
  create: async (body: EventInput): Promise<MajorEvent> => (await http.post<EventReply>('/events', body)).event,
  sign: async (id: number, body: { project_id: number; signed_on: string; amount: string; currency: string }): Promise<MajorEvent> =>
    (await http.post<EventReply>(eventPath(id, 'signings'), body)).event,
}
