import { describe, expect, it } from 'vitest'
import { applyLocale, i18n } from '@/shared/i18n'
import { noticeHeading } from '@/shared/layout/noticeHeading'

const t = (key: string) => i18n.global.t(key)
const te = (key: string) => i18n.global.te(key)

describe('notification headings', () => {
  it('words intake and dispatch kinds in both languages', async () => {
    await applyLocale('zh-CN')
    expect(noticeHeading({ kind: 'ticket.issued', title: '示例' }, t, te)).toBe('收到督办单')
    expect(noticeHeading({ kind: 'meeting.pushed', title: '示例' }, t, te)).toBe('领导会见待跟进')
    expect(noticeHeading({ kind: 'intent.claimed', title: '示例' }, t, te)).toBe(t('intake.notice.claimed'))
    await applyLocale('en')
    expect(noticeHeading({ kind: 'round.reminder', title: 'x' }, t, te)).toBe('Dispatch round closing soon: update your projects')
    expect(noticeHeading({ kind: 'instruction.given', title: 'x' }, t, te)).toBe('Leader instruction on your project')
    await applyLocale('zh-CN')
  })

  it('falls back to the title, then the kind, for a kind without wording', () => {
    expect(noticeHeading({ kind: 'something.new', title: '新的提醒' }, t, te)).toBe('新的提醒')
    expect(noticeHeading({ kind: 'something.new', title: '' }, t, te)).toBe('something.new')
  })
})
