// The international lounge (国际客厅): one page per economy, found among the lounge documents.
import { ECONOMIES, type DocumentSummary, type Economy } from '@/shared/api/documents'

export function isEconomy(value: string): value is Economy {
  return (ECONOMIES as readonly string[]).includes(value)
}

/** The published lounge page of each economy (the newest when there are several). */
export function loungePages(docs: readonly DocumentSummary[]): Partial<Record<Economy, DocumentSummary>> {
  const out: Partial<Record<Economy, DocumentSummary>> = {}
  for (const doc of docs) {
    const economy = doc.details?.economy
    if (!economy || !isEconomy(economy)) continue
    const seen = out[economy]
    if (!seen || (doc.issued_on ?? '') > (seen.issued_on ?? '')) out[economy] = doc
  }
  return out
}
