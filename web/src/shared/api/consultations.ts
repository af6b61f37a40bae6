// Consultations (咨询): a question asked from any page, routed to the responsible unit with a
// working-calendar deadline, answered by its staff (docs/api.md, "Consultations").
import { http, type RequestOptions } from './http'
import { unwrap, type UnitRef } from './documents'
import type { Paged } from './intake'

type Opts = Pick<RequestOptions, 'signal'>

export const CONTEXT_TYPES = ['policy', 'news', 'regulation', 'cost_table', 'directory_entry', 'lounge_page', 'park', 'project', 'general'] as const
export type ContextType = (typeof CONTEXT_TYPES)[number]

export const CONSULTATION_STATUSES = ['open', 'answered'] as const

export interface ConsultationContext {
  type: ContextType
  id?: number | null
  version?: number | null
  title?: string | null
}

/** An answer as the server sends it: the text, who wrote it for which unit, and when. */
export interface ConsultationAnswer {
  answer: string
  by?: { id: number; name: string } | null
  unit?: UnitRef | null
  answered_at?: string | null
  on_time?: boolean
}

export interface Consultation {
  id: number
  question?: string
  unit: UnitRef | null
  due_at: string | null
  status: string
  overdue?: boolean
  context: ConsultationContext | null
  created_at?: string
  answered_at?: string | null
  asker_name?: string | null
  escalation_level?: number
  answers?: ConsultationAnswer[]
  /** What the caller may do now: answer, transfer, publish_faq. */
  actions?: string[]
  /** When a unit lead's transfer window closes, while transfer is offered to one. */
  transfer_until?: string | null
  faq_document_id?: number | null
}

export interface ConsultationQuery {
  status?: 'open' | 'answered' | ''
  q?: string
  overdue?: boolean
  page?: number
  page_size?: number
}

export interface AskInput {
  question: string
  context_type: ContextType
  context_id?: number
}

function consultationPath(id: number, rest = ''): string {
  return `/consultations/${encodeURIComponent(String(id))}${rest ? `/${rest}` : ''}`
}

/** The answers of a consultation (none in list items and while it is open). */
export function answersOf(c: Consultation): ConsultationAnswer[] {
  return c.answers ?? []
}

export const consultationsApi = {
  ask: async (input: AskInput): Promise<Consultation> => unwrap<Consultation>(await http.post<unknown>('/consultations', input), 'consultation'),
  list: (query: ConsultationQuery, o?: Opts) => http.get<Paged<Consultation>>('/consultations', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Consultation> => unwrap<Consultation>(await http.get<unknown>(consultationPath(id), o), 'consultation'),
  answer: async (id: number, answer: string): Promise<Consultation> =>
    unwrap<Consultation>(await http.post<unknown>(consultationPath(id, 'answer'), { answer }), 'consultation'),
  transfer: async (id: number, unitId: number, reason: string): Promise<Consultation> =>
    unwrap<Consultation>(await http.post<unknown>(consultationPath(id, 'transfer'), { unit_id: unitId, reason }), 'consultation'),
  /** Publishes the answered question, with the edited (anonymised) text, as an FAQ under its page. */
  publishFaq: async (id: number, text: { question?: string; answer?: string; question_en?: string; answer_en?: string }): Promise<Consultation> =>
    unwrap<Consultation>(await http.post<unknown>(consultationPath(id, 'publish-faq'), text), 'consultation'),
}
