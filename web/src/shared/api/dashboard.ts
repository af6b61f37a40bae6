// The leaders' dashboards (`GET /api/v1/dashboard/{module}`, docs/api.md "Dashboards"): six modules
// sharing the filters period / unit / industry / source. Every figure that counts projects carries
// `drill`, the query string of the key-project list whose total equals the figure; a peer unit shown
// to a unit's staff is anonymous (no name, no id, no drill, a `label` instead).
import { http, type RequestOptions } from './http'
import type { RankingResult, RankingSnapshot } from './ranking'

type Opts = Pick<RequestOptions, 'signal'>

export const DASHBOARD_MODULES = ['overview', 'sources', 'undertaking', 'ranking', 'stages', 'industries'] as const
export type DashboardModule = (typeof DASHBOARD_MODULES)[number]

export const DASHBOARD_SOURCES = ['meeting_outbound', 'meeting_reception', 'event', 'other'] as const

export const INDICATOR_CODES = ['foreign_capital_used', 'domestic_capital_used', 'trade_import', 'trade_export'] as const
export type IndicatorCode = (typeof INDICATOR_CODES)[number]

/** The common query parameters; empty ones are left off. */
export interface DashboardFilters {
  /** `2026`, `2026-Q4` or `2026-11`; the server defaults to the current year. */
  period?: string
  unit_id?: number | null
  industry?: string
  source?: string
}

/** A counted figure: how many projects and their investment, with the list behind it. */
export interface ProjectFigure {
  projects: number
  investment_cny: string
  /** Query string for `GET /projects`; absent for anonymous peers. */
  drill?: string | null
}

/** A unit as the caller may see it: by name, or anonymised with a stable label. */
export interface UnitFigureName {
  unit_id: number | null
  name: string | null
  anonymous?: boolean
  label?: string
}

export interface IndicatorDistrict extends UnitFigureName {
  code: string
  value: string | null
}

export interface IndicatorFigure {
  code: IndicatorCode | string
  currency: 'USD' | 'CNY' | string
  city: string | null
  districts: IndicatorDistrict[]
}

export interface DistrictFigure extends ProjectFigure, UnitFigureName {
  code: string
}

export interface UnitFigure extends ProjectFigure, UnitFigureName {}

export interface CampaignFigure extends ProjectFigure {
  code: string
  name: string
}

export interface Overview {
  period: string
  indicators: IndicatorFigure[]
  signed_large: { city: ProjectFigure; districts: DistrictFigure[] }
  departments: UnitFigure[]
  task_forces: UnitFigure[]
  campaigns: CampaignFigure[]
}

export interface SourceFigure extends ProjectFigure {
  source: string
}

export interface EventFigure extends ProjectFigure {
  event_id: number
  name: string
}

export interface Sources {
  by_source: SourceFigure[]
  events: EventFigure[]
}

export interface UndertakingUnit extends ProjectFigure, UnitFigureName {
  type: string
  investment_usd: string
  funds_arrived_cny: string
  funds_arrived_usd: string
}

export interface Undertaking {
  units: UndertakingUnit[]
}

/**
 * 重点项目排名: the newest snapshot published for the period or a period within it (2026-11 within
 * 2026-Q4), and the period's live ranking. A unit's staff see their own league with peers anonymised.
 */
export interface DashboardRanking {
  period: string
  published: RankingSnapshot | null
  live: RankingResult | null
}

export interface StageFigure extends ProjectFigure {
  stage: string
}

/** Projects that first entered `to` in `month`, from `from` (null: registered at it); the drill lists them. */
export interface StageFlow extends ProjectFigure {
  month: string
  from: string | null
  to: string
}

export interface Stages {
  stages: StageFigure[]
  flow: StageFlow[]
}

export interface ChainFigure extends ProjectFigure {
  chain: string
  name: string
}

export interface SectionFigure extends ProjectFigure {
  section: string
  name: string
}

export interface Industries {
  chains: ChainFigure[]
  sections: SectionFigure[]
}

export interface DashboardReplies {
  overview: Overview
  sources: Sources
  undertaking: Undertaking
  ranking: DashboardRanking
  stages: Stages
  industries: Industries
}

/** The filters as API query parameters (empty ones dropped by the http client). */
export function dashboardQuery(filters: DashboardFilters): Record<string, string | number | null | undefined> {
  return { period: filters.period, unit_id: filters.unit_id, industry: filters.industry, source: filters.source }
}

export function fetchDashboard<M extends DashboardModule>(module: M, filters: DashboardFilters, o?: Opts): Promise<DashboardReplies[M]> {
  return http.get<DashboardReplies[M]>(`/dashboard/${module}`, { ...o, query: dashboardQuery(filters) })
}

export const dashboardApi = {
  overview: (f: DashboardFilters, o?: Opts) => fetchDashboard('overview', f, o),
  sources: (f: DashboardFilters, o?: Opts) => fetchDashboard('sources', f, o),
  undertaking: (f: DashboardFilters, o?: Opts) => fetchDashboard('undertaking', f, o),
  ranking: (f: DashboardFilters, o?: Opts) => fetchDashboard('ranking', f, o),
  stages: (f: DashboardFilters, o?: Opts) => fetchDashboard('stages', f, o),
  industries: (f: DashboardFilters, o?: Opts) => fetchDashboard('industries', f, o),
}

/** The name to show for a unit figure: its name, or the anonymous label. */
export function unitFigureName(unit: UnitFigureName): string {
  return unit.name ?? unit.label ?? ''
}
