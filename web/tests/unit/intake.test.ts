import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { attachmentUrl, intakeApi, type Stage } from '@/shared/api/intake'
import { dueInfo, dueText, formatDuration, formatMinutes, formatMoney, formatRate, industryLabel, splitDuration, stageIndex } from '@/shared/intake/format'
import {
  checkAttachment,
  checkInvestment,
  formatBytes,
  checkJobs,
  checkLandMu,
  checkText,
  emptyIntentForm,
  intentBody,
  investmentFromTenThousands,
  scaleDecimal,
  utf8Length,
  validateIntent,
} from '@/shared/intake/validation'

// A translator that shows the key and its parameters, so the tests see what was asked for.
const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}(${Object.entries(named).map(([k, v]) => `${k}=${String(v)}`).join(',')})` : key)
// A translator with real-looking English units.
const en = (key: string, named?: Record<string, unknown>) => {
  const n = String(named?.n ?? '')
  const time = String(named?.time ?? '')
  const map: Record<string, string> = {
    'intake.time.days': `${n} d`,
    'intake.time.hours': `${n} h`,
    'intake.time.minutes': `${n} min`,
    'intake.due.in': `Due in ${time}`,
    'intake.due.overdueBy': `Overdue by ${time}`,
    'intake.due.overdue': 'Overdue',
    'intake.due.paused': 'Clock paused',
    'common.notAvailable': '—',
  }
  return map[key] ?? key
}

describe('intent form validation', () => {
  function valid() {
    return {
      ...emptyIntentForm(),
      title: '新能源汽车零部件基地',
      company: '青岛示例科技有限公司',
      contact_name: '王经理',
      contact_phone: '13800138000',
      industry: 'new_energy_vehicles',
      investment: '50000',
      description: '年产 50 万套电驱系统',
    }
  }

  it('accepts a complete form and builds the request body', () => {
    const form = { ...valid(), credit_code: '91350100M000100Y43', preferred_units: [3, 5], land_mu: '120.5', jobs: '800' }
    const problems = Object.entries(validateIntent(form)).filter(([, v]) => v)
    expect(problems).toEqual([])
    expect(intentBody(form)).toEqual({
      title: '新能源汽车零部件基地',
      company: '青岛示例科技有限公司',
      credit_code: '91350100M000100Y43',
      contact_name: '王经理',
      contact_phone: '13800138000',
      industry: 'new_energy_vehicles',
      investment_total: '500000000',
      currency: 'CNY',
      capital_type: 'domestic',
      preferred_units: [3, 5],
      land_mu: '120.5',
      jobs: 800,
      description: '年产 50 万套电驱系统',
    })
  })

  it('leaves optional fields out when empty', () => {
    const body = intentBody(valid())
    expect(body).not.toHaveProperty('credit_code')
    expect(body).not.toHaveProperty('preferred_units')
    expect(body).not.toHaveProperty('land_mu')
    expect(body).not.toHaveProperty('jobs')
  })

  it('names every missing required field with the API field names', () => {
    const problems = validateIntent({ ...emptyIntentForm(), currency: '', capital_type: '' })
    expect(problems).toMatchObject({
      title: 'validation.required',
      company: 'validation.required',
      contact_name: 'validation.required',
      contact_phone: 'validation.required',
      industry: 'validation.required',
      investment_total: 'validation.required',
      currency: 'validation.required',
      capital_type: 'validation.required',
      description: 'validation.required',
      credit_code: null,
      land_mu: null,
      jobs: null,
    })
  })

  it('mirrors the server: phone, credit code, currency and capital type', () => {
    const problems = validateIntent({ ...valid(), contact_phone: '12345', credit_code: '91350100M000100Y44', currency: 'EUR', capital_type: 'mixed' })
    expect(problems.contact_phone).toBe('validation.phone')
    expect(problems.credit_code).toBe('validation.creditCode')
    expect(problems.currency).toBe('intake.validation.invalidChoice')
    expect(problems.capital_type).toBe('intake.validation.invalidChoice')
  })

  it('counts text length in UTF-8 bytes as the server does', () => {
    expect(utf8Length('abc')).toBe(3)
    expect(utf8Length('招商')).toBe(6)
    expect(checkText('招'.repeat(66), 200)).toBeNull()
    expect(checkText('招'.repeat(67), 200)).toBe('intake.validation.tooLong')
    expect(checkText('a'.repeat(200), 200)).toBeNull()
    expect(checkText('   ', 200)).toBe('validation.required')
  })

  it('scales decimals without floating point', () => {
    expect(scaleDecimal('1.5', 4)).toBe('15000')
    expect(scaleDecimal('0.0001', 4)).toBe('1')
    expect(scaleDecimal('0.00015', 4)).toBe('1.5')
    expect(scaleDecimal('12', 4)).toBe('120000')
    expect(scaleDecimal('0', 4)).toBe('0')
    expect(scaleDecimal('123456789.123456', 4)).toBe('1234567891234.56')
    expect(scaleDecimal('1e5', 4)).toBeNull()
    expect(scaleDecimal('-1', 4)).toBeNull()
    expect(scaleDecimal('01', 4)).toBeNull()
    expect(investmentFromTenThousands(' 3.2 ')).toBe('32000')
  })

  it('checks the investment (in 万): positive, at most two decimals in currency units, not absurdly large', () => {
    expect(checkInvestment('50000')).toBeNull()
    expect(checkInvestment('0.000001')).toBeNull()
    expect(checkInvestment('0.0000001')).toBe('intake.validation.amount')
    expect(checkInvestment('0')).toBe('intake.validation.amountPositive')
    expect(checkInvestment('0.00')).toBe('intake.validation.amountPositive')
    expect(checkInvestment('abc')).toBe('intake.validation.amount')
    expect(checkInvestment('1,000')).toBe('intake.validation.amount')
    expect(checkInvestment('999999999999')).toBeNull()
    expect(checkInvestment('1000000000000')).toBe('intake.validation.amountTooLarge')
    expect(checkInvestment('')).toBe('validation.required')
  })

  it('checks land and jobs', () => {
    expect(checkLandMu('')).toBeNull()
    expect(checkLandMu('35')).toBeNull()
    expect(checkLandMu('35.25')).toBeNull()
    expect(checkLandMu('35.255')).toBe('intake.validation.decimal')
    expect(checkLandMu('-3')).toBe('intake.validation.decimal')
    expect(checkJobs('')).toBeNull()
    expect(checkJobs('0')).toBeNull()
    expect(checkJobs('10000000')).toBeNull()
    expect(checkJobs('10000001')).toBe('intake.validation.jobsRange')
    expect(checkJobs('12.5')).toBe('intake.validation.wholeNumber')
    expect(checkJobs('-1')).toBe('intake.validation.wholeNumber')
  })
})

describe('attachments', () => {
  const MB = 1024 * 1024
  it('accepts PDFs and images up to the size limit', () => {
    expect(checkAttachment({ name: 'plan.pdf', size: 2 * MB, type: 'application/pdf' }, 10 * MB)).toBeNull()
    expect(checkAttachment({ name: 'site.JPG', size: 1, type: '' }, 10 * MB)).toBeNull()
    expect(checkAttachment({ name: 'scan', size: 1, type: 'image/png' }, 10 * MB)).toBeNull()
    expect(checkAttachment({ name: 'big.pdf', size: 10 * MB + 1, type: 'application/pdf' }, 10 * MB)).toBe('intake.validation.fileTooBig')
    expect(checkAttachment({ name: 'empty.pdf', size: 0, type: 'application/pdf' }, 10 * MB)).toBe('intake.validation.fileEmpty')
    expect(checkAttachment({ name: 'notes.docx', size: 10, type: 'application/msword' }, 10 * MB)).toBe('intake.validation.fileType')
  })

  afterEach(() => resetHttp())

  it('uploads the raw bytes with their type, the name in the query and the CSRF token', async () => {
    const fetchImpl = vi.fn<typeof fetch>(
      async () => new Response(JSON.stringify({ attachment: { id: 3, name: '计划书.pdf', content_type: 'application/pdf', size: 8, created_at: '' } }), { status: 201 }),
    )
    configureHttp({ fetch: fetchImpl, csrfToken: () => 'tok' })
    const file = new Blob(['%PDF-1.4'], { type: 'application/pdf' })
    const made = await intakeApi.attach(7, file, '计划书.pdf')
    expect(made.id).toBe(3)
    const [url, init] = fetchImpl.mock.calls[0] ?? []
    expect(url).toBe(`/api/v1/intents/7/attachments?name=${encodeURIComponent('计划书.pdf')}`)
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe(file)
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/pdf', 'X-CSRF-Token': 'tok' })
    expect(attachmentUrl(7, 3)).toBe('/api/v1/intents/7/attachments/3')
  })

  it('formats sizes', () => {
    expect(formatBytes(120)).toBe('120 B')
    expect(formatBytes(850 * 1024)).toBe('850 KB')
    expect(formatBytes(12.34 * 1024 * 1024)).toBe('12.3 MB')
  })
})

describe('durations and deadlines', () => {
  const now = new Date('2026-11-26T10:00:00+08:00').getTime()

  it('splits and formats durations with the two largest parts', () => {
    expect(splitDuration(0)).toEqual({ days: 0, hours: 0, minutes: 0 })
    expect(splitDuration(61_000)).toEqual({ days: 0, hours: 0, minutes: 2 })
    expect(splitDuration(-(26 * 3600_000 + 5 * 60_000))).toEqual({ days: 1, hours: 2, minutes: 5 })
    expect(formatDuration(12 * 60_000, en)).toBe('12 min')
    expect(formatDuration((3 * 60 + 5) * 60_000, en)).toBe('3 h 5 min')
    expect(formatDuration((2 * 1440 + 3 * 60 + 5) * 60_000, en)).toBe('2 d 3 h')
    expect(formatDuration(2 * 1440 * 60_000, en)).toBe('2 d')
    expect(formatDuration(0, en)).toBe('0 min')
    expect(formatMinutes(95, en)).toBe('1 h 35 min')
    expect(formatMinutes(null, en)).toBe('—')
  })

  it('counts down to a deadline, warns when it is near, and marks it overdue', () => {
    expect(dueInfo('2026-11-26T13:00:00+08:00', now)).toEqual({ state: 'ok', remainingMs: 3 * 3600_000 })
    expect(dueInfo('2026-11-26T11:30:00+08:00', now).state).toBe('soon')
    expect(dueInfo('2026-11-26T09:48:00+08:00', now)).toEqual({ state: 'overdue', remainingMs: -12 * 60_000 })
    expect(dueInfo('2026-11-26T13:00:00+08:00', now, { overdue: true }).state).toBe('overdue')
    expect(dueInfo('2026-11-26T09:00:00+08:00', now, { paused: true }).state).toBe('paused')
    expect(dueInfo(null, now).state).toBe('none')
    expect(dueInfo('garbage', now).state).toBe('none')

    expect(dueText(dueInfo('2026-11-26T11:40:00+08:00', now), en)).toBe('Due in 1 h 40 min')
    expect(dueText(dueInfo('2026-11-26T09:48:00+08:00', now), en)).toBe('Overdue by 12 min')
    expect(dueText(dueInfo(null, now, { overdue: true }), en)).toBe('Overdue')
    expect(dueText(dueInfo(null, now, { paused: true }), en)).toBe('Clock paused')
    expect(dueText(dueInfo(null, now), t)).toBe('')
  })
})

describe('units below a unit', () => {
  it('lists every descendant, not the unit itself', async () => {
    const { sampleTree } = await import('./fixtures/units')
    const { unitsBelow, flattenUnits } = await import('@/shared/units/tree')
    const tree = sampleTree()
    const parent = flattenUnits(tree).find((u) => u.children.length > 0 && u.type !== 'city')
    if (!parent) throw new Error('fixture has no unit with children below the city')
    const ids = unitsBelow(tree, parent.id)
    expect(ids).toEqual(flattenUnits(parent.children).map((u) => u.id))
    expect(ids).not.toContain(parent.id)
    expect(unitsBelow(tree, -1)).toEqual([])
  })
})

describe('amounts, rates, stages, industries', () => {
  it('shortens amounts in both languages', () => {
    expect(formatMoney('500000000', 'CNY', 'zh-CN')).toBe('5亿元')
    expect(formatMoney('30000000', 'USD', 'zh-CN')).toBe('3000万美元')
    expect(formatMoney('500000000', 'CNY', 'en')).toBe('CNY 500M')
    expect(formatMoney('', 'CNY', 'en')).toBe('')
  })

  it('shows rates as percentages from fractions or percentages', () => {
    expect(formatRate(0.924)).toBe('92.4%')
    expect(formatRate(92.4)).toBe('92.4%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(0)).toBe('0.0%')
    expect(formatRate(null)).toBe('—')
  })

  it('finds the stage by code or Chinese name, in position order', () => {
    const stages: Stage[] = [
      { code: 'signed', name_zh: '签约', name_en: 'Signed', position: 3, landed: false },
      { code: 'planning', name_zh: '谋划', name_en: 'Planning', position: 1, landed: false },
      { code: 'negotiating', name_zh: '洽谈', name_en: 'Negotiating', position: 2, landed: false },
    ]
    expect(stageIndex(stages, 'planning')).toBe(0)
    expect(stageIndex(stages, '签约')).toBe(2)
    expect(stageIndex(stages, null)).toBe(-1)
    expect(stageIndex(stages, 'unknown')).toBe(-1)
  })

  it('names industries in the UI language', () => {
    const items = [{ code: 'C', name_zh: '制造业', name_en: 'Manufacturing' }]
    expect(industryLabel('C', items, 'zh-CN')).toBe('制造业')
    expect(industryLabel('C', items, 'en')).toBe('Manufacturing')
    expect(industryLabel('X', items, 'en')).toBe('X')
    expect(industryLabel(null, items, 'en')).toBe('')
  })
})
