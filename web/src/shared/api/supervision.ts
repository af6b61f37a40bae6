// Leader instructions (批示) on projects and supervision tickets (督办单) with their lifecycle
// (docs/api.md, "Dispatch rounds, leader instructions and supervision tickets (dispatch)").
import { http, type RequestOptions } from './http'
import type { Paged } from './intake'
import type { PersonRef } from './meetings'
import type { UnitRef } from './projects'

type Opts = Pick<RequestOptions, 'signal'>

export interface Instruction {
  id: number
  project: UnitRef
  unit_id: number
  text: string
  due_at: string | null
  author: PersonRef
  created_at: string
  response: string | null
  responded_at: string | null
  responder_name: string | null
  state: string
  overdue: boolean
}

export const TICKET_REASONS = ['stale', 'red_light', 'instruction', 'missed_report', 'manual'] as const
export const TICKET_STATES = ['issued', 'signed_for', 'handled', 'feedback', 'reviewed', 'closed'] as const

export interface TicketStep {
  state: string
  text: string | null
  actor_name: string | null
  at: string | null
  due_at: string | null
  on_time: boolean | null
}

export interface Ticket {
  id: number
  reason: string
  state: string
  unit_id: number
  project: UnitRef | null
  subject_key: string
  text: string
  due_at: string | null
  overdue: boolean
  overdue_since: string | null
  escalation_level: number
  created_by: number | null
  created_at: string
  closed_at: string | null
  steps?: TicketStep[]
}

export interface TicketQuery {
  state?: string
  reason?: string
  unit?: number | null
  overdue?: boolean | null
  page?: number
  page_size?: number
}

/** The step a ticket in `state` waits for, and who takes it (docs/api.md). */
export const TICKET_NEXT: Record<string, { action: TicketAction; by: 'unit' | 'bureau' } | undefined> = {
  issued: { action: 'sign', by: 'unit' },
  signed_for: { action: 'handle', by: 'unit' },
  handled: { action: 'feedback', by: 'unit' },
  feedback: { action: 'review', by: 'bureau' },
  reviewed: { action: 'close', by: 'bureau' },
}
export type TicketAction = 'sign' | 'handle' | 'feedback' | 'review' | 'close'

interface TicketReply {
  ticket: Ticket
}
interface InstructionReply {
  instruction: Instruction
}

const idPath = (base: string, id: number, action?: string) => `${base}/${encodeURIComponent(String(id))}${action ? `/${action}` : ''}`

export const instructionsApi = {
  give: async (projectId: number, body: { text: string; due_at?: string }): Promise<Instruction> =>
    (await http.post<InstructionReply>(idPath('/projects', projectId, 'instructions'), body)).instruction,
  list: (query: { state?: string; page?: number; page_size?: number }, o?: Opts) => http.get<Paged<Instruction>>('/instructions', { ...o, query: { ...query } }),
  respond: async (id: number, text: string): Promise<Instruction> => (await http.post<InstructionReply>(idPath('/instructions', id, 'respond'), { text })).instruction,
}

export const ticketsApi = {
  list: (query: TicketQuery, o?: Opts) => http.get<Paged<Ticket>>('/tickets', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<Ticket> => (await http.get<TicketReply>(idPath('/tickets', id), o)).ticket,
  create: async (body: { unit_id?: number; project_id?: number; text: string }): Promise<Ticket> => (await http.post<TicketReply>('/tickets', body)).ticket,
  act: async (id: number, action: TicketAction, body: { text?: string; accept?: boolean; reason?: string }): Promise<Ticket> =>
    (await http.post<TicketReply>(idPath('/tickets', id, action), body)).ticket,
}
