// The working calendar's years (bureau console): public holidays and adjusted working days (调休)
// per year; a year without an entry counts weekends only, and the server warns about this year
// and the next.
import { http, type RequestOptions } from './http'

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  /** In the request's language. */
  name: string
  name_zh: string
  name_en: string
}

export interface CalendarYear {
  year: number
  published: boolean
  source: string | null
  holidays: CalendarDay[]
  workdays: CalendarDay[]
}

export interface CalendarWarning {
  code: 'year_missing'
  year: number
  message: string
}

export interface CalendarYears {
  current_year: number
  years: CalendarYear[]
  warnings: CalendarWarning[]
}

export interface YearBody {
  holidays: { date: string; name: string; name_en?: string }[]
  /** Dates; the server names each after the nearest holiday (…调休上班) unless a name is given. */
  workdays: (string | { date: string; name?: string; name_en?: string })[]
}

type Opts = Pick<RequestOptions, 'signal'>

export const calendarApi = {
  years: (o?: Opts) => http.get<CalendarYears>('/calendar/years', o),
  /** Replaces the year as a whole; 422 with `fields["holidays[i].date"]`, `fields["workdays[i]"]`. */
  saveYear: (year: number, body: YearBody) =>
    http.put<CalendarYears & { year: CalendarYear }>(`/calendar/years/${year}`, body),
}

/** Every date from `from` to `to` (YYYY-MM-DD, inclusive), in order. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = []
  const start = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)))
  const end = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)))
  for (let t = start; t <= end && out.length < 366; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

export function isWeekend(date: string): boolean {
  const d = weekdayOf(date)
  return d === 0 || d === 6
}
