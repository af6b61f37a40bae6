// Published content (docs/api.md, "Content"): policies, news, fee regulations, cost tables,
// service directory entries, international-lounge pages and FAQs, one `documents` resource.
// `body_html` is sanitised on the server against an allow-list before it is stored.
import { buildUrl, http, type RequestOptions } from './http'
import type { Attachment, Paged } from './intake'

type Opts = Pick<RequestOptions, 'signal'>

export const DOCUMENT_TYPES = ['policy', 'news', 'regulation', 'cost_table', 'directory_entry', 'lounge_page', 'faq'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

export const DIMENSIONS = ['investment_policy', 'investment_cost', 'talent'] as const
export type Dimension = (typeof DIMENSIONS)[number]

export const DOCUMENT_STATUSES = ['draft', 'pending_review', 'published', 'expired', 'withdrawn'] as const
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]

export const SERVICE_CATEGORIES = ['legal', 'vc_pe', 'hotel', 'food'] as const
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]

export const COST_CATEGORIES = ['water', 'electricity', 'gas', 'land', 'labour'] as const
export type CostCategory = (typeof COST_CATEGORIES)[number]

export const ECONOMIES = ['DE', 'JP', 'KR', 'US', 'EU', 'SG'] as const
export type Economy = (typeof ECONOMIES)[number]

export interface UnitRef {
  id: number
  name: string
}

/** One figure of a cost table: its source and effective date are always shown beside it. */
export interface CostRow {
  district: string
  category: CostCategory
  item: string
  price: string
  unit: string
  source: string
  effective_on: string
  illustrative?: boolean
  /** English texts, where the table has them. */
  district_en?: string
  item_en?: string
  unit_en?: string
  source_en?: string
}

/** Type-specific fields; only those of the document's type are present. */
export interface DocumentDetails {
  category?: ServiceCategory
  address?: string
  address_en?: string
  phone?: string
  tags?: string[]
  tags_en?: string[]
  rows?: CostRow[]
  economy?: Economy
  desk_unit_id?: number
  desk?: { id: number; name: string; phone?: string | null; email?: string | null } | null
  email?: string
  context_type?: string
  context_id?: number
  [key: string]: unknown
}

export interface DocumentSummary {
  id: number
  type: DocumentType
  title: string
  title_en?: string | null
  summary: string
  summary_en?: string | null
  illustrative?: boolean
  region: string | null
  dimension: Dimension | null
  industries: string[]
  issued_on: string | null
  effective_on: string | null
  expires_on: string | null
  status: DocumentStatus
  version: number
  unit: UnitRef | null
  details: DocumentDetails | null
}

/** An answered question published under a page; the answer is sanitised HTML. */
export interface Faq {
  id: number
  question: string
  question_en?: string | null
  answer_html?: string
  answer_html_en?: string | null
  answer?: string
  unit?: UnitRef | null
  published_at?: string | null
}

export interface DocumentRecord extends DocumentSummary {
  body_html: string
  body_html_en?: string | null
  attachments?: Attachment[]
  /** How many versions the document has had. */
  versions?: number
  faqs?: Faq[]
  /** The caller may edit it (their unit's, not withdrawn). */
  editable?: boolean
}

/** A kept version: the document as it was, who wrote it and when. */
export interface DocumentVersion {
  version: number
  document: Partial<DocumentRecord> | null
  written_by?: { id: number; name: string } | null
  written_at?: string | null
}

export interface DocumentQuery {
  type?: DocumentType | ''
  region?: string
  dimension?: Dimension | ''
  industry?: string
  valid?: string
  /** 'true': expired documents too (without it, and without `valid` or `status`, they are left out). */
  include_expired?: 'true' | ''
  status?: DocumentStatus | ''
  q?: string
  page?: number
  page_size?: number
}

/** What staff send to create or edit a document (every field optional on edit). */
export interface DocumentInput {
  type?: DocumentType
  title?: string
  title_en?: string
  summary?: string
  body_html?: string
  body_html_en?: string
  region?: string
  dimension?: Dimension | null
  industries?: string[]
  issued_on?: string | null
  effective_on?: string | null
  expires_on?: string | null
  details?: DocumentDetails
}

export type DocumentAction = 'submit' | 'publish' | 'withdraw'

/** Single-record routes answer `{document: …}` or the bare record; both are accepted. */
export function unwrap<T>(reply: unknown, key: string): T {
  if (reply && typeof reply === 'object' && key in reply) return (reply as Record<string, unknown>)[key] as T
  return reply as T
}

function documentPath(id: number, rest = ''): string {
  return `/documents/${encodeURIComponent(String(id))}${rest ? `/${rest}` : ''}`
}

/** The document's title in the UI language (the English title when there is one). */
export function documentTitle(doc: Pick<DocumentSummary, 'title' | 'title_en'>, locale: string): string {
  return locale === 'en' && doc.title_en ? doc.title_en : doc.title
}

/** The document's summary in the UI language (the English summary when there is one). */
export function documentSummary(doc: Pick<DocumentSummary, 'summary' | 'summary_en'>, locale: string): string {
  return locale === 'en' && doc.summary_en ? doc.summary_en : doc.summary
}

/** The document's body in the UI language (the English body when there is one). */
export function documentBody(doc: Pick<DocumentRecord, 'body_html' | 'body_html_en'>, locale: string): string {
  return locale === 'en' && doc.body_html_en ? doc.body_html_en : doc.body_html
}

/**
 * A field in the UI language: `<name>_en` in English when the data has it, else `<name>`. For the
 * type-specific fields (details, cost rows) and FAQs, whose English is optional.
 */
export function inLocale<T extends object, K extends keyof T & string>(item: T, name: K, locale: string): T[K] {
  const english = (item as Record<string, unknown>)[`${name}_en`]
  const has = Array.isArray(english) ? english.length > 0 : typeof english === 'string' && english !== ''
  return locale === 'en' && has ? (english as T[K]) : item[name]
}

export const documentsApi = {
  list: (query: DocumentQuery, o?: Opts) => http.get<Paged<DocumentSummary>>('/documents', { ...o, query: { ...query } }),
  get: async (id: number, o?: Opts): Promise<DocumentRecord> => unwrap<DocumentRecord>(await http.get<unknown>(documentPath(id), o), 'document'),
  versions: async (id: number, o?: Opts): Promise<DocumentVersion[]> => (await http.get<{ items: DocumentVersion[] }>(documentPath(id, 'versions'), o)).items,
  create: async (input: DocumentInput): Promise<DocumentRecord> => unwrap<DocumentRecord>(await http.post<unknown>('/documents', input), 'document'),
  update: async (id: number, input: DocumentInput): Promise<DocumentRecord> =>
    unwrap<DocumentRecord>(await http.patch<unknown>(documentPath(id), input), 'document'),
  act: async (id: number, action: DocumentAction): Promise<DocumentRecord> =>
    unwrap<DocumentRecord>(await http.post<unknown>(documentPath(id, action)), 'document'),
}

/** Where a document's attachment is downloaded from (a plain GET link). */
export function documentAttachmentUrl(documentId: number, attachmentId: number): string {
  return buildUrl(documentPath(documentId, `attachments/${encodeURIComponent(String(attachmentId))}`))
}
