// The signed-in official's work at a glance (the console's start page): what waits for them and
// what is late, from the same lists the work pages show, so each figure equals the list it opens.
import type { RouteLocationRaw } from 'vue-router'
import { consultationsApi } from '@/shared/api/consultations'
import type { RequestOptions } from '@/shared/api/http'
import { intakeApi } from '@/shared/api/intake'
import { projectsApi } from '@/shared/api/projects'
import { ticketsApi } from '@/shared/api/supervision'

export type WorkKey = 'intents' | 'questions' | 'projects' | 'tickets'

export interface WorkFigure {
  /** Items waiting for the reader's units. */
  waiting: number
  /** Of them, past their deadline; null where the list has no deadline. */
  late: number | null
  /** `late` counts only the first page read, so the true number may be higher. */
  lateAtLeast: boolean
}

export interface WorkSource {
  key: WorkKey
  permission: string
  to: RouteLocationRaw
  count: (o?: Pick<RequestOptions, 'signal'>) => Promise<WorkFigure>
}

// The inbox has no overdue filter: its open items are few (a unit's current work), so one page of
// them is read and the late ones counted.
const INBOX_PAGE = 100

export const WORK_SOURCES: readonly WorkSource[] = [
  {
    key: 'intents',
    permission: 'intake:inbox:read',
    to: { name: 'console-inbox' },
    async count(o) {
      const page = await intakeApi.inbox({ view: 'open', page_size: INBOX_PAGE }, o)
      return { waiting: page.total, late: page.items.filter((i) => i.overdue).length, lateAtLeast: page.total > page.items.length }
    },
  },
  {
    key: 'questions',
    permission: 'consult:consultation:answer',
    to: { name: 'console-consultations' },
    async count(o) {
      const [open, late] = await Promise.all([
        consultationsApi.list({ status: 'open', page_size: 1 }, o),
        consultationsApi.list({ status: 'open', overdue: true, page_size: 1 }, o),
      ])
      return { waiting: open.total, late: late.total, lateAtLeast: false }
    },
  },
  {
    key: 'projects',
    permission: 'dispatch:project:read',
    to: { name: 'console-projects', query: { light: 'red' } },
    async count(o) {
      const red = await projectsApi.list({ light: 'red', page_size: 1 }, o)
      return { waiting: red.total, late: null, lateAtLeast: false }
    },
  },
  {
    key: 'tickets',
    permission: 'dispatch:ticket:read',
    to: { name: 'console-tickets' },
    async count(o) {
      const [issued, late] = await Promise.all([
        ticketsApi.list({ state: 'issued', page_size: 1 }, o),
        ticketsApi.list({ overdue: true, page_size: 1 }, o),
      ])
      return { waiting: issued.total, late: late.total, lateAtLeast: false }
    },
  },
]

/** The sources of work this reader may open, in the order of the start page. */
export function workSourcesFor(can: (permission: string) => boolean): WorkSource[] {
  return WORK_SOURCES.filter((s) => can(s.permission))
}
