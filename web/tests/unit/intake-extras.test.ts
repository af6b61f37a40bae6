import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, resetHttp } from '@/shared/api/http'
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT, boardApi, intakeStaffApi } from '@/shared/api/intake'
import { applyLocale, i18n } from '@/shared/i18n'
import AttachmentUpload from '@/shared/intake/AttachmentUpload.vue'
import { formatBytes, pickAttachments } from '@/shared/intake/validation'
import { contestTagType, isStaffDirty, staffLoad, validCapacity } from '@/console/intakeStaff'

// Attachments added to an existing intent, staff availability and board contests (issue 4).

const MB = 1024 * 1024

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => resetHttp())

describe('choosing attachments for an intent', () => {
  const png = (name: string, size = 1000) => ({ name, size, type: 'image/png' })

  it('keeps PDFs and images, names each refused file and stops at the count limit once', () => {
    const chosen = [png('a.png'), { name: 'notes.txt', size: 5, type: 'text/plain' }, png('b.png'), png('c.png'), { name: 'big.pdf', size: 11 * MB, type: 'application/pdf' }]
    const { accepted, problems } = pickAttachments(chosen, 8, 10, 10 * MB)
    expect(accepted.map((f) => f.name)).toEqual(['a.png', 'b.png'])
    expect(problems).toEqual([
      { key: 'intake.validation.fileType', name: 'notes.txt' },
      { key: 'intake.validation.fileCount', name: '' },
      { key: 'intake.validation.fileTooBig', name: 'big.pdf' },
    ])
  })

  it('accepts nothing when the intent already has the most files', () => {
    const { accepted, problems } = pickAttachments([png('a.png')], ATTACHMENT_MAX_COUNT, ATTACHMENT_MAX_COUNT, ATTACHMENT_MAX_BYTES)
    expect(accepted).toEqual([])
    expect(problems).toEqual([{ key: 'intake.validation.fileCount', name: '' }])
  })

  it('accepts a file of exactly the size limit and refuses an empty one', () => {
    expect(pickAttachments([png('edge.png', 10 * MB)], 0, 10, 10 * MB).accepted).toHaveLength(1)
    expect(pickAttachments([png('empty.png', 0)], 0, 10, 10 * MB).problems[0]?.key).toBe('intake.validation.fileEmpty')
  })

  it('formats sizes at the unit boundaries', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1024)).toBe('1 KB')
    expect(formatBytes(10 * MB)).toBe('10.0 MB')
  })
})

describe('the upload control', () => {
  it('refuses a text file without sending it and uploads a PNG, showing the server’s 422 message for a fake one', async () => {
    setActivePinia(createPinia())
    applyLocale('en')
    const calls: string[] = []
    const fetchImpl = vi.fn<typeof fetch>(async (input, init) => {
      const url = String(input)
      calls.push(`${init?.method} ${url}`)
      if (url.includes('name=fake.png')) return json(422, { error: { code: 'validation_failed', message: 'Invalid', fields: { file: 'Only PDF or images, judged by content.' } } })
      return json(201, { attachment: { id: 5, name: 'plan.png', content_type: 'image/png', size: 4, created_at: '2026-11-26T10:00:00+08:00' } })
    })
    configureHttp({ fetch: fetchImpl, csrfToken: () => 'tok' })
    const wrapper = mount(AttachmentUpload, { props: { intentId: 9, existing: 0 }, global: { plugins: [i18n] } })
    const input = wrapper.get('[data-testid="attachment-input"]')
    const files = [new File(['hello'], 'notes.txt', { type: 'text/plain' }), new File(['\x89PNG'], 'plan.png', { type: 'image/png' }), new File(['text'], 'fake.png', { type: 'image/png' })]
    Object.defineProperty(input.element, 'files', { value: files, configurable: true })
    await input.trigger('change')
    await flushPromises()
    expect(calls).toEqual(['POST /api/v1/intents/9/attachments?name=plan.png', 'POST /api/v1/intents/9/attachments?name=fake.png'])
    expect(wrapper.get('[data-testid="attachment-problems"]').text()).toContain('notes.txt')
    const rows = wrapper.findAll('[data-testid="attachment-uploads"] li')
    expect(rows.map((r) => r.attributes('data-state'))).toEqual(['done', 'failed'])
    expect(rows[1]?.text()).toContain('Only PDF or images, judged by content.')
    expect(wrapper.emitted('uploaded')).toHaveLength(1)
    expect(wrapper.emitted('finished')).toHaveLength(1)
    wrapper.unmount()
  })
})

describe('staff availability', () => {
  it('knows when a row changed, how full a person is and which capacities the server takes', () => {
    expect(isStaffDirty({ on_leave: false, capacity: 20 }, { on_leave: false, capacity: 20 })).toBe(false)
    expect(isStaffDirty({ on_leave: false, capacity: 20 }, { on_leave: true, capacity: 20 })).toBe(true)
    expect(isStaffDirty({ on_leave: false, capacity: 20 }, { on_leave: false, capacity: 5 })).toBe(true)
    expect(staffLoad({ open_items: 3, capacity: 20 })).toBe(0.15)
    expect(staffLoad({ open_items: 0, capacity: 0 })).toBe(1)
    expect(validCapacity(0)).toBe(true)
    expect(validCapacity(500)).toBe(true)
    expect(validCapacity(501)).toBe(false)
    expect(validCapacity(2.5)).toBe(false)
    expect(validCapacity('3')).toBe(false)
  })

  it('reads and saves through the unit’s intake-staff routes', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => json(200, { items: [] }))
    configureHttp({ fetch: fetchImpl, csrfToken: () => 'tok' })
    await intakeStaffApi.list(4)
    await intakeStaffApi.update(4, 13, { on_leave: true, capacity: 5 })
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/v1/units/4/intake-staff')
    const [url, init] = fetchImpl.mock.calls[1] ?? []
    expect(url).toBe('/api/v1/units/4/intake-staff/13')
    expect(init?.method).toBe('PUT')
    expect(JSON.parse(String(init?.body))).toEqual({ on_leave: true, capacity: 5 })
    expect(init?.headers).toMatchObject({ 'X-CSRF-Token': 'tok' })
  })
})

describe('board contests', () => {
  const contest = { id: 2, assignment_id: 360, unit_id: 7, intent_id: 114, intent_title: 'X', reason: 'r', status: 'pending', created_at: '', decided_at: null, note: null }

  it('files, lists and decides contests', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async (input) =>
      String(input).startsWith('/api/v1/board/contests?') ? json(200, { items: [contest], total: 1, page: 1, page_size: 20 }) : json(200, { contest }),
    )
    configureHttp({ fetch: fetchImpl, csrfToken: () => 'tok' })
    expect((await boardApi.contest(360, '投资方要求暂缓')).id).toBe(2)
    expect((await boardApi.contests({ status: 'all', page: 2 })).total).toBe(1)
    await boardApi.decide(2, false, '不属于免责情形')
    const bodies = fetchImpl.mock.calls.map(([url, init]) => [url, init?.method, init?.body ? JSON.parse(String(init.body)) : null])
    expect(bodies).toEqual([
      ['/api/v1/board/contests', 'POST', { assignment_id: 360, reason: '投资方要求暂缓' }],
      ['/api/v1/board/contests?status=all&page=2', 'GET', null],
      ['/api/v1/board/contests/2/decide', 'POST', { accept: false, note: '不属于免责情形' }],
    ])
  })

  it('colours a contest by its status', () => {
    expect(contestTagType('pending')).toBe('warning')
    expect(contestTagType('accepted')).toBe('success')
    expect(contestTagType('rejected')).toBe('info')
  })
})
