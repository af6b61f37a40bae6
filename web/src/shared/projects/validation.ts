// Client-side checks of the key-project forms (registration, edit, dispatch update), mirroring the
// server's rules so that a problem shows before sending; the server still decides and its field
// messages (named like the API fields, e.g. `funds.amount`, `stage_dates[0].planned_on`) are shown
// under the same fields. Each check returns a locale key or null.
import { CAPITAL_TYPES, type CapitalType, type Currency } from '@/shared/api/intake'
import type { ContactInput, Project, ProjectChanges, ProjectInput, ProjectSource, ProjectUpdateInput, StageDate } from '@/shared/api/projects'
import { checkOptionalCreditCode, checkOptionalEmail, checkOptionalPhone } from '@/shared/auth/validation'
import { serverNow } from '@/shared/serverClock'
import { checkInvestment, checkText, investmentFromTenThousands, INVESTMENT_SCALE_DIGITS, type IntakeKey } from '@/shared/intake/validation'

export type ProjectKey = IntakeKey | `dispatch.validation.${string}`

/** Server limits in UTF-8 bytes. */
export const PROJECT_LIMITS = { name: 200, company: 200, code_name: 100, text: 5000 } as const

/** Foreign capital is counted in US dollars, domestic in yuan (the server insists). */
export function currencyOf(capitalType: string): Currency {
  return capitalType === 'foreign' ? 'USD' : 'CNY'
}

/** A decimal in currency units → 万 of it, without float arithmetic ("15000" → "1.5"). */
export function tenThousandsFromUnits(value: string): string {
  const [whole = '0', fraction = ''] = value.trim().split('.')
  const padded = whole.padStart(INVESTMENT_SCALE_DIGITS + 1, '0')
  const cut = padded.length - INVESTMENT_SCALE_DIGITS
  const intPart = padded.slice(0, cut).replace(/^0+(?=\d)/, '')
  const rest = (padded.slice(cut) + fraction).replace(/0+$/, '')
  return rest ? `${intPart}.${rest}` : intPart
}

export interface ContactRow {
  name: string
  role: string
  phone: string
  email: string
}

export interface ProjectFormModel {
  name: string
  code_name: string
  company: string
  credit_code: string
  industry: string
  capital_type: CapitalType
  /** In 万 of the currency. */
  investment: string
  undertaking_unit_id: number | null
  collaborating_unit_ids: number[]
  source: ProjectSource
  /** The meeting, event or intent the project comes from (its id as typed). */
  source_id: string
  campaign: boolean
  task_force_unit_id: number | null
  stage: string
  /** Masks the company, amounts and notes to everyone not cleared; needs a code name. */
  confidential: boolean
  notes: string
  site_video_url: string
  contacts: ContactRow[]
}

export type ProjectField = keyof ProjectInput

export function emptyProjectForm(unitId: number | null = null): ProjectFormModel {
  return {
    name: '',
    code_name: '',
    company: '',
    credit_code: '',
    industry: '',
    capital_type: 'domestic',
    investment: '',
    undertaking_unit_id: unitId,
    collaborating_unit_ids: [],
    source: 'unit',
    source_id: '',
    campaign: false,
    task_force_unit_id: null,
    stage: '',
    confidential: false,
    notes: '',
    site_video_url: '',
    contacts: [],
  }
}

/** The form filled from a project, for editing. */
export function projectForm(p: Project): ProjectFormModel {
  return {
    name: p.name,
    code_name: p.code_name ?? '',
    company: p.company,
    credit_code: p.credit_code ?? '',
    industry: p.industry,
    capital_type: p.capital_type === 'foreign' ? 'foreign' : 'domestic',
    investment: tenThousandsFromUnits(p.investment_total),
    undertaking_unit_id: p.undertaking_unit?.id ?? null,
    collaborating_unit_ids: p.collaborating_units.map((u) => u.id),
    source: (p.source as ProjectSource) ?? 'unit',
    source_id: String(p.meeting_id ?? p.event_id ?? p.intent_id ?? ''),
    campaign: p.flags.campaign,
    task_force_unit_id: p.flags.task_force_unit?.id ?? null,
    stage: p.stage,
    confidential: p.confidential ?? false,
    notes: p.notes ?? '',
    site_video_url: p.site_video_url ?? '',
    contacts: (p.contacts ?? []).map((c) => ({ name: c.name, role: c.role, phone: c.phone ?? '', email: c.email ?? '' })),
  }
}

/** Which id field the source names, if any. */
export function sourceIdField(source: ProjectSource): 'meeting_id' | 'event_id' | 'intent_id' | null {
  if (source === 'meeting') return 'meeting_id'
  if (source === 'event') return 'event_id'
  if (source === 'intent') return 'intent_id'
  return null
}

function checkOptionalText(value: string, maxBytes: number): ProjectKey | null {
  return value.trim() === '' ? null : checkText(value, maxBytes)
}

/** Checks the contact rows; keys name the API fields (`contacts[1].phone`). */
export function validateContacts(rows: readonly ContactRow[]): Record<string, ProjectKey | null> {
  const out: Record<string, ProjectKey | null> = {}
  rows.forEach((c, i) => {
    const prefix = `contacts[${i}].`
    out[`${prefix}name`] = c.name.trim() === '' ? 'validation.required' : null
    out[`${prefix}phone`] = c.phone.trim() === '' && c.email.trim() === '' ? 'dispatch.validation.phoneOrEmail' : checkOptionalPhone(c.phone)
    out[`${prefix}email`] = checkOptionalEmail(c.email)
  })
  return out
}

function contactBody(rows: readonly ContactRow[]): ContactInput[] {
  return rows.map((c) => ({
    name: c.name.trim(),
    role: c.role.trim(),
    ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
    ...(c.email.trim() ? { email: c.email.trim() } : {}),
  }))
}

export function validateProject(form: ProjectFormModel, registering: boolean): Record<string, ProjectKey | null> {
  const out: Record<string, ProjectKey | null> = {
    ...validateContacts(form.contacts),
    site_video_url: form.site_video_url.trim() === '' || /^https:\/\/\S+$/.test(form.site_video_url.trim()) ? null : 'dispatch.validation.https',
    name: checkText(form.name, PROJECT_LIMITS.name),
    code_name: form.confidential && form.code_name.trim() === '' ? 'dispatch.validation.codeNameRequired' : checkOptionalText(form.code_name, PROJECT_LIMITS.code_name),
    company: checkText(form.company, PROJECT_LIMITS.company),
    credit_code: checkOptionalCreditCode(form.credit_code),
    industry: form.industry === '' ? 'validation.required' : null,
    capital_type: (CAPITAL_TYPES as readonly string[]).includes(form.capital_type) ? null : 'validation.required',
    investment_total: checkInvestment(form.investment),
    undertaking_unit_id: form.undertaking_unit_id === null ? 'validation.required' : null,
    collaborating_unit_ids:
      form.undertaking_unit_id !== null && form.collaborating_unit_ids.includes(form.undertaking_unit_id) ? 'dispatch.validation.collaboratorIsUndertaker' : null,
  }
  const idField = sourceIdField(form.source)
  if (registering && idField) {
    const id = form.source_id.trim()
    if (id === '') out[idField] = form.source === 'intent' ? 'validation.required' : null
    else out[idField] = /^[1-9]\d{0,15}$/.test(id) ? null : 'intake.validation.wholeNumber'
  }
  return out
}

/** `POST /projects` body from the form. */
export function projectBody(form: ProjectFormModel): ProjectInput {
  const body: ProjectInput = {
    name: form.name.trim(),
    company: form.company.trim(),
    industry: form.industry,
    capital_type: form.capital_type,
    investment_total: investmentFromTenThousands(form.investment) ?? '',
    currency: currencyOf(form.capital_type),
    undertaking_unit_id: form.undertaking_unit_id,
    collaborating_unit_ids: form.collaborating_unit_ids,
    source: form.source,
    campaign: form.campaign,
  }
  if (form.code_name.trim()) body.code_name = form.code_name.trim()
  if (form.credit_code.trim()) body.credit_code = form.credit_code.trim().toUpperCase()
  if (form.task_force_unit_id !== null) body.task_force_unit_id = form.task_force_unit_id
  if (form.stage) body.stage = form.stage
  if (form.confidential) body.confidential = true
  if (form.notes.trim()) body.notes = form.notes.trim()
  if (form.site_video_url.trim()) body.site_video_url = form.site_video_url.trim()
  if (form.contacts.length > 0) body.contacts = contactBody(form.contacts)
  const idField = sourceIdField(form.source)
  if (idField && form.source_id.trim()) body[idField] = Number(form.source_id.trim())
  return body
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i])
}

/** `PATCH /projects/{id}` body: only what differs from the project. */
export function projectChanges(form: ProjectFormModel, p: Project): ProjectChanges {
  const next = projectBody(form)
  const out: ProjectChanges = {}
  if (next.name !== p.name) out.name = next.name
  if ((next.code_name ?? '') !== (p.code_name ?? '')) out.code_name = next.code_name ?? ''
  if (next.company !== p.company) out.company = next.company
  if ((next.credit_code ?? '') !== (p.credit_code ?? '')) out.credit_code = next.credit_code ?? ''
  if (next.industry !== p.industry) out.industry = next.industry
  if (next.capital_type !== p.capital_type) out.capital_type = next.capital_type
  if (next.investment_total !== p.investment_total || next.currency !== p.currency) {
    out.investment_total = next.investment_total
    out.currency = next.currency
  }
  if (next.undertaking_unit_id !== (p.undertaking_unit?.id ?? null) && next.undertaking_unit_id !== null) out.undertaking_unit_id = next.undertaking_unit_id
  if (!sameIds(next.collaborating_unit_ids ?? [], p.collaborating_units.map((u) => u.id))) out.collaborating_unit_ids = next.collaborating_unit_ids ?? []
  if (next.campaign !== p.flags.campaign) out.campaign = next.campaign
  if (form.task_force_unit_id !== (p.flags.task_force_unit?.id ?? null)) out.task_force_unit_id = form.task_force_unit_id
  // Sent only when changed, so that servers without these fields keep accepting edits.
  if (form.confidential !== (p.confidential ?? false)) out.confidential = form.confidential
  if (form.notes.trim() !== (p.notes ?? '')) out.notes = form.notes.trim()
  if (form.site_video_url.trim() !== (p.site_video_url ?? '')) out.site_video_url = form.site_video_url.trim()
  const contacts = contactBody(form.contacts)
  const before = contactBody(projectForm(p).contacts)
  if (JSON.stringify(contacts) !== JSON.stringify(before)) out.contacts = contacts
  return out
}

export interface StageDateRow {
  stage: string
  planned_on: string
  actual_on: string
}

export interface ProcedureRow {
  code: string
  status: string
  applied_on: string
  approved_on: string
}

export interface UpdateFormModel {
  text: string
  stage: string
  with_funds: boolean
  arrived_on: string
  /** In 万 of the project's currency. */
  amount: string
  stage_dates: StageDateRow[]
  procedures: ProcedureRow[]
}

export function emptyUpdateForm(): UpdateFormModel {
  return { text: '', stage: '', with_funds: false, arrived_on: '', amount: '', stage_dates: [], procedures: [] }
}

/**
 * Checks a dispatch update; keys are the API's field names (`text`, `funds.arrived_on`,
 * `stage_dates[1].actual_on`). `today` is `YYYY-MM-DD` in Beijing time.
 */
export function validateUpdate(form: UpdateFormModel, today: string): Record<string, ProjectKey | null> {
  const out: Record<string, ProjectKey | null> = { text: checkText(form.text, PROJECT_LIMITS.text) }
  if (form.with_funds) {
    out['funds.arrived_on'] = form.arrived_on === '' ? 'validation.required' : form.arrived_on > today ? 'dispatch.validation.notFuture' : null
    out['funds.amount'] = checkInvestment(form.amount)
  }
  form.stage_dates.forEach((d, i) => {
    const prefix = `stage_dates[${i}].`
    out[`${prefix}stage`] = d.stage === '' ? 'validation.required' : null
    out[`${prefix}planned_on`] = d.planned_on === '' && d.actual_on === '' ? 'dispatch.validation.oneDate' : null
    out[`${prefix}actual_on`] = d.actual_on !== '' && d.actual_on > today ? 'dispatch.validation.notFuture' : null
  })
  form.procedures.forEach((p, i) => {
    const prefix = `procedures[${i}].`
    out[`${prefix}code`] = p.code === '' ? 'validation.required' : null
    out[`${prefix}status`] = p.status === '' ? 'validation.required' : null
    out[`${prefix}applied_on`] = p.applied_on > today ? 'dispatch.validation.notFuture' : null
    out[`${prefix}approved_on`] =
      p.approved_on > today ? 'dispatch.validation.notFuture' : p.approved_on !== '' && p.applied_on !== '' && p.approved_on < p.applied_on ? 'dispatch.validation.decidedBeforeApplied' : null
  })
  return out
}

/** `POST /projects/{id}/updates` body from the form. */
export function updateBody(form: UpdateFormModel, capitalType: string): ProjectUpdateInput {
  const body: ProjectUpdateInput = { text: form.text.trim() }
  if (form.stage) body.stage = form.stage
  if (form.with_funds) body.funds = { arrived_on: form.arrived_on, amount: investmentFromTenThousands(form.amount) ?? '', currency: currencyOf(capitalType) }
  const dates: StageDate[] = form.stage_dates.map((d) => ({
    stage: d.stage,
    ...(d.planned_on ? { planned_on: d.planned_on } : {}),
    ...(d.actual_on ? { actual_on: d.actual_on } : {}),
  }))
  if (dates.length > 0) body.stage_dates = dates
  if (form.procedures.length > 0)
    body.procedures = form.procedures.map((p) => ({
      code: p.code,
      status: p.status,
      ...(p.applied_on ? { applied_on: p.applied_on } : {}),
      ...(p.approved_on ? { approved_on: p.approved_on } : {}),
    }))
  return body
}

/** Today in Beijing as `YYYY-MM-DD`. */
export function beijingToday(now: number = serverNow()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
}
