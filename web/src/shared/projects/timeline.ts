// The project timeline as the pages show it: entries of one dispatch record (same time, same
// person) grouped, each entry a sentence built from its kind and stored detail.
import type { ProjectStage, ProjectTimelineEntry } from '@/shared/api/projects'
import { formatMoney } from '@/shared/intake/format'
import { codeLabel } from './format'

type Translate = (key: string, named?: Record<string, unknown>) => string
type HasKey = (key: string) => boolean

export interface TimelineGroup {
  at: string
  actor_name: string | null
  lines: { kind: string; text: string }[]
}

/** Consecutive entries with the same time and author form one group (one update's parts). */
export function groupTimeline(entries: readonly ProjectTimelineEntry[], sentence: (e: ProjectTimelineEntry) => string): TimelineGroup[] {
  const groups: TimelineGroup[] = []
  for (const e of entries) {
    const last = groups[groups.length - 1]
    const line = { kind: e.kind, text: sentence(e) }
    if (last && last.at === e.at && last.actor_name === e.actor_name) last.lines.push(line)
    else groups.push({ at: e.at, actor_name: e.actor_name, lines: [line] })
  }
  return groups
}

export interface SentenceContext {
  t: Translate
  te: HasKey
  locale: string
  stages: readonly ProjectStage[]
  /** The project's procedures, for their names. */
  procedures?: readonly { code: string; name?: string }[]
}

function stageName(code: string, stages: readonly ProjectStage[]): string {
  return stages.find((s) => s.code === code)?.name ?? code
}

function dash(value: string | undefined): string {
  return !value || value === '-' ? '—' : value
}

/** One entry as a sentence in the UI language (details as the server stores them, see docs/api.md). */
export function entrySentence(e: ProjectTimelineEntry, ctx: SentenceContext): string {
  const { t, te } = ctx
  const detail = e.detail ?? ''
  switch (e.kind) {
    case 'registered':
      return t('dispatch.timeline.registered', { source: codeLabel('source', detail, t, te) })
    case 'updated':
      return e.text
    case 'procedure': {
      const [code = '', status = ''] = detail.split(' ')
      const name = ctx.procedures?.find((p) => p.code === code)?.name ?? code
      return t('dispatch.timeline.procedure', { name, status: codeLabel('procedureStatus', status, t, te) })
    }
    case 'instruction':
      return t('dispatch.timeline.instruction', { text: e.text })
    case 'instruction_response':
      return t('dispatch.timeline.instructionResponse', { text: e.text })
    case 'stage': {
      const [from = '', to = ''] = detail.split('>')
      return t('dispatch.timeline.stage', { from: stageName(from, ctx.stages), to: stageName(to, ctx.stages) })
    }
    case 'dates': {
      const [stage = '', planned, actual] = detail.split(' ')
      return t('dispatch.timeline.dates', { stage: stageName(stage, ctx.stages), planned: dash(planned), actual: dash(actual) })
    }
    case 'funds': {
      const [on = '', amount = '', currency = ''] = detail.split(' ')
      return t('dispatch.timeline.funds', { date: on, amount: formatMoney(amount, currency, ctx.locale) })
    }
    case 'edited': {
      const names = detail
        .split(',')
        .filter((f) => f !== '')
        .map((f) => codeLabel('fields', f, t, te))
      return t('dispatch.timeline.edited', { fields: names.join(t('intake.listSeparator')) })
    }
    default:
      return e.text || detail
  }
}

/** The grouped timeline with every line's sentence, newest group first. */
export function timelineView(entries: readonly ProjectTimelineEntry[], ctx: SentenceContext): TimelineGroup[] {
  // In time order even where records were written out of order (imported or demo history).
  const ordered = [...entries].sort((x, y) => Date.parse(x.at) - Date.parse(y.at))
  return groupTimeline(ordered, (e) => entrySentence(e, ctx)).reverse()
}
