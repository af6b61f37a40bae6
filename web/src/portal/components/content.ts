// Display rules for published content shared by the portal's lists and pages.
import type { DocumentSummary } from '@/shared/api/documents'

export type Validity = 'valid' | 'upcoming' | 'expired' | 'withdrawn' | 'draft'
export const VALIDITIES: readonly Validity[] = ['valid', 'upcoming', 'expired', 'withdrawn', 'draft']

/** Today's date in Beijing as `YYYY-MM-DD`. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Where a document stands on `now`: its status first, then its effective and expiry dates. */
export function validityOf(doc: Pick<DocumentSummary, 'effective_on' | 'expires_on' | 'status'>, now: Date): Validity {
  if (doc.status === 'withdrawn') return 'withdrawn'
  if (doc.status === 'draft' || doc.status === 'pending_review') return 'draft'
  const today = beijingToday(now)
  if (doc.status === 'expired' || (doc.expires_on && doc.expires_on < today)) return 'expired'
  if (doc.effective_on && doc.effective_on > today) return 'upcoming'
  return 'valid'
}

/** Whether a document shows its validity: policies and regulations always, anything expired too. */
export function showsValidity(doc: Pick<DocumentSummary, 'type' | 'expires_on' | 'status'>): boolean {
  return doc.type === 'policy' || doc.type === 'regulation' || validityOf({ ...doc, effective_on: null }, new Date()) === 'expired'
}

/** The portal page a search hit or document opens. */
export function documentRoute(doc: { id: number; type: string; details?: { economy?: string } | null }): { name: string; params?: Record<string, string>; query?: Record<string, string> } {
  switch (doc.type) {
    case 'lounge_page':
      return doc.details?.economy ? { name: 'portal-lounge-economy', params: { economy: doc.details.economy } } : { name: 'portal-document', params: { id: String(doc.id) } }
    case 'cost_table':
      return { name: 'portal-costs' }
    case 'directory_entry':
      return { name: 'portal-directory', query: { tab: 'services' } }
    case 'project':
      return { name: 'console-project', params: { id: String(doc.id) } }
    default:
      return { name: 'portal-document', params: { id: String(doc.id) } }
  }
}
