// Routing rules (bureau console): the weights, thresholds and deadlines that route new intents,
// kept as versions; a dry run re-routes the last 100 intents with proposed rules.
import { http, type RequestOptions } from './http'

export interface RoutingRules {
  weights: { preference: number; industry_match: number }
  industry_rank_decay: number
  max_candidates: number
  min_score: number
  /** Whole yuan, as a decimal string. */
  large_investment_cny: string
  /** Decimal string. */
  usd_cny_rate: string
  /** Working minutes (7 working hours a day). */
  deadlines_minutes: { acknowledge: number; first_contact: number; dock: number }
  /** Passing a mis-routed intent on within this many working minutes does not count against the unit. */
  triage_minutes: number
  remind_before_minutes: number
  /** Overdue items reach the unit lead at once and the bureau this much later. */
  escalate_to_bureau_after_minutes: number
  /** The public board names a unit from `min_sample` intents, an overdue item after the contest window. */
  board: { min_sample: number; contest_window_minutes: number }
}

export interface RulesVersion {
  version: number
  label: string
  rules: RoutingRules
  created_by: { id: number; name: string }
  created_at: string
  note: string
}

export interface RulesOverview {
  current: { version: number; label: string; source: 'default' | 'saved'; rules: RoutingRules }
  default: { label: string; rules: RoutingRules }
  history: RulesVersion[]
}

export interface DryRunCandidate {
  unit_id: number
  unit_name: string
  score: number
  informed_only: boolean
}

export interface DryRunItem {
  intent_id: number
  title: string
  created_at: string
  rules_version: string
  changed: boolean
  before: DryRunCandidate[]
  after: DryRunCandidate[]
}

export interface DryRunResult {
  compared: number
  changed: number
  items: DryRunItem[]
}

type Opts = Pick<RequestOptions, 'signal'>

export const routingRulesApi = {
  get: (o?: Opts) => http.get<RulesOverview>('/routing/rules', o),
  dryRun: (rules: RoutingRules) => http.post<DryRunResult>('/routing/rules/dry-run', { rules }),
  /** 409 when someone saved after `base_version` was loaded; 422 with `fields["rules.<path>"]`. */
  save: (rules: RoutingRules, note: string, baseVersion: number) =>
    http.put<RulesOverview>('/routing/rules', { rules, note, base_version: baseVersion }),
}

/** A deep copy of rules, for editing without touching what the server sent. */
export function cloneRules(rules: RoutingRules): RoutingRules {
  return {
    ...rules,
    weights: { ...rules.weights },
    deadlines_minutes: { ...rules.deadlines_minutes },
    board: { ...rules.board },
  }
}

/** True when two rule sets are the same (strings compared as numbers). */
export function sameRules(a: RoutingRules, b: RoutingRules): boolean {
  return (
    a.weights.preference === b.weights.preference &&
    a.weights.industry_match === b.weights.industry_match &&
    a.industry_rank_decay === b.industry_rank_decay &&
    a.max_candidates === b.max_candidates &&
    a.min_score === b.min_score &&
    Number(a.large_investment_cny) === Number(b.large_investment_cny) &&
    Number(a.usd_cny_rate) === Number(b.usd_cny_rate) &&
    a.deadlines_minutes.acknowledge === b.deadlines_minutes.acknowledge &&
    a.deadlines_minutes.first_contact === b.deadlines_minutes.first_contact &&
    a.deadlines_minutes.dock === b.deadlines_minutes.dock &&
    a.triage_minutes === b.triage_minutes &&
    a.remind_before_minutes === b.remind_before_minutes &&
    a.escalate_to_bureau_after_minutes === b.escalate_to_bureau_after_minutes &&
    a.board.min_sample === b.board.min_sample &&
    a.board.contest_window_minutes === b.board.contest_window_minutes
  )
}
