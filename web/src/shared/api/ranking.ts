// Unit rankings (docs/api.md "Rankings"): the live ranking per league, published immutable
// snapshots with their comparison to an earlier one, and the bureau's configuration (metrics with
// weights and thresholds, leagues, how many units are marked on the red and black lists).
import { http, type RequestOptions } from './http'
import type { Paged } from './intake'

type Opts = Pick<RequestOptions, 'signal'>

export type RankingMark = 'top' | 'bottom' | null

export interface RankingMetric {
  code: string
  normalised?: string | null
  value: string | number | null
  threshold: string | number | null
  weight: string | number | null
  points: string | number | null
}

export interface RankedUnit {
  unit_id: number | null
  name: string | null
  anonymous?: boolean
  label?: string
  rank: number
  score: string | number
  marks: RankingMark
  /** The unit's breakdown ("why"); a unit sees only its own. */
  metrics?: RankingMetric[]
}

export interface RankingLeague {
  league: string
  name?: string
  units: RankedUnit[]
}

export interface RankingResult {
  period: string
  config_version?: number
  leagues: RankingLeague[]
}

export interface RankingSnapshot extends RankingResult {
  id: number
  published_at: string
  published_by?: { id: number; name: string } | null
  config_version?: number
  /** The snapshot of the period that counts (false once a newer one supersedes it). */
  current?: boolean
  supersedes_id?: number | null
}

export interface RankingChange {
  unit_id: number | null
  name: string | null
  league: string
  rank: number | null
  previous_rank: number | null
  score: string | number | null
  previous_score: string | number | null
  rank_change?: number | null
  score_change?: string | number | null
}

export interface RankingComparison {
  ranking?: RankingSnapshot
  with?: RankingSnapshot
  units: RankingChange[]
}

export interface RankingMetricConfig {
  code: string
  weight: string
  threshold: string
}

export interface RankingLeagueConfig {
  code: string
  name_zh: string
  name_en: string
  /** How many units at the top (红榜) and at the bottom (黑榜) are marked. */
  top: number
  bottom: number
  /** Unit ids; every ranked unit is in exactly one league. */
  units: number[]
}

export interface RankingConfig {
  version?: number
  /** Dollar amounts count in yuan at this rate. */
  usd_cny_rate: string
  leagues: RankingLeagueConfig[]
  metrics: RankingMetricConfig[]
}

interface SnapshotReply {
  ranking: RankingSnapshot
}

type ConfigReply = RankingConfig | { config: RankingConfig; version?: number }

/** The configuration, whether the reply wraps it (`{config, version}`) or not. */
export function unwrapConfig(reply: ConfigReply): RankingConfig {
  return 'config' in reply ? { ...reply.config, version: reply.version ?? reply.config.version } : reply
}

function snapshotPath(id: number, action?: string): string {
  const base = `/rankings/${encodeURIComponent(String(id))}`
  return action ? `${base}/${action}` : base
}

export const rankingApi = {
  live: (period: string | undefined, o?: Opts) => http.get<RankingResult>('/rankings/live', { ...o, query: { period } }),
  list: (query: { period?: string; page?: number; page_size?: number }, o?: Opts) => http.get<Paged<RankingSnapshot>>('/rankings', { ...o, query }),
  get: async (id: number, o?: Opts) => (await http.get<SnapshotReply>(snapshotPath(id), o)).ranking,
  compare: (id: number, other: number, o?: Opts) => http.get<RankingComparison>(snapshotPath(id, 'compare'), { ...o, query: { with: other } }),
  publish: async (period: string, supersede = false) => (await http.post<SnapshotReply>('/rankings', supersede ? { period, supersede } : { period })).ranking,
  config: async (o?: Opts) => unwrapConfig(await http.get<ConfigReply>('/ranking/config', o)),
  saveConfig: async (config: RankingConfig) => unwrapConfig(await http.put<ConfigReply>('/ranking/config', config)),
}

/** A unit's name in a ranking, or its anonymous label. */
export function rankedName(unit: Pick<RankedUnit, 'name' | 'label'>): string {
  return unit.name ?? unit.label ?? ''
}
