// Monthly indicator figures per district, entered by the bureau (`GET/PUT /api/v1/indicators`,
// docs/api.md "Indicators"): all-or-nothing writes, a bad row is named `figures[2].value`.
import { http, type RequestOptions } from './http'
import type { IndicatorCode } from './dashboard'

type Opts = Pick<RequestOptions, 'signal'>

export interface IndicatorValue {
  unit_id: number
  indicator: IndicatorCode | string
  /** Decimal string in the indicator's currency. */
  value: string
}

export interface IndicatorMonth {
  month: string
  figures: IndicatorValue[]
}

export const indicatorsApi = {
  get: (month: string, o?: Opts) => http.get<IndicatorMonth>('/indicators', { ...o, query: { month } }),
  put: (body: IndicatorMonth) => http.put<IndicatorMonth>('/indicators', body),
}
