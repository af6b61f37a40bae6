// Full-text search over published content (and, for staff, key projects in their scope):
// docs/api.md, "Search". The server wraps matches in `<mark>…</mark>` and HTML-escapes the rest.
import { http, type RequestOptions } from './http'
import type { DocumentType } from './documents'

type Opts = Pick<RequestOptions, 'signal'>

export type SearchItemType = DocumentType | 'project'

export interface SearchItem {
  id: number
  type: SearchItemType
  title: string
  /** The document's English title; null when it has none and for key projects. */
  title_en?: string | null
  snippet: string
  score: number
  url_hint?: string | null
}

export interface SearchResult {
  items: SearchItem[]
  total: number
  page: number
  page_size: number
  stop_terms?: string[]
  capped?: boolean
}

export interface SearchQuery {
  q: string
  type?: string
  region?: string
  dimension?: string
  industry?: string
  valid?: string
  page?: number
  page_size?: number
}

export const searchApi = {
  search: (query: SearchQuery, o?: Opts) => http.get<SearchResult>('/search', { ...o, query: { ...query } }),
}

/** A run of snippet text, highlighted or not. */
export interface SnippetPart {
  text: string
  mark: boolean
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", '#34': '"' }

/** Undoes the server's HTML escaping (the result is shown as text, never parsed as HTML). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#x27|#34);/g, (_, name: string) => ENTITIES[name] ?? '')
}

/**
 * Splits a snippet on `<mark>…</mark>` into parts rendered as text nodes: only the marks become
 * highlight, anything else (even a literal `<script>`) stays text.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  const pattern = /<mark>([\s\S]*?)<\/mark>/g
  let last = 0
  for (const match of snippet.matchAll(pattern)) {
    const at = match.index ?? 0
    if (at > last) parts.push({ text: unescapeHtml(snippet.slice(last, at)), mark: false })
    if (match[1]) parts.push({ text: unescapeHtml(match[1]), mark: true })
    last = at + match[0].length
  }
  if (last < snippet.length) parts.push({ text: unescapeHtml(snippet.slice(last)), mark: false })
  return parts
}
