import type { AppNotification } from '@/shared/api/intake'

type Translate = (key: string) => string
type HasKey = (key: string) => boolean

/**
 * A notification's kind in words (`intent.claimed` → "项目已被认领", `ticket.issued` → "收到督办单",
 * `consultation.answered` → "咨询已答复"),
 * else the server's title or the kind itself: a kind without wording still says something.
 */
export function noticeHeading(n: Pick<AppNotification, 'kind' | 'title'>, t: Translate, te: HasKey): string {
  const keys = [`intake.notice.${n.kind.replace(/^intent\./, '')}`, `dispatch.notice.${n.kind}`, `consult.notice.${n.kind.replace(/^consultation\./, '')}`]
  const key = keys.find((k) => te(k))
  return key ? t(key) : n.title || n.kind
}
