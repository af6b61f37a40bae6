// Chart options built from dashboard figures. Each data point keeps its figure's `drill`, so a
// click on a bar, a slice or a district opens the list of projects behind it. Pure functions:
// the pages pass labels already translated.
import type { EChartsCoreOption } from 'echarts/core'
import { CITY_MAP } from './echarts'

export interface ChartItem {
  /** Stable key (a stage, a source, a unit id). */
  key: string
  label: string
  value: number
  drill?: string | null
}

export type ChartTheme = 'light' | 'dark'

export const PALETTE = ['#2f6fde', '#20a39e', '#f0a020', '#e5534b', '#7d5fff', '#3fb27f', '#c96bd4', '#8c9bab', '#d9822b', '#4aa3df']

function text(theme: ChartTheme): string {
  return theme === 'dark' ? '#d6e4ff' : '#4a5668'
}

function axisLine(theme: ChartTheme): string {
  return theme === 'dark' ? 'rgba(214,228,255,0.25)' : '#dde3ea'
}

/** The `drill` of a clicked data point, if the point has one. */
export function drillOf(params: unknown): string | null {
  if (typeof params !== 'object' || params === null) return null
  const data = (params as { data?: unknown }).data
  if (typeof data !== 'object' || data === null) return null
  const drill = (data as { drill?: unknown }).drill
  return typeof drill === 'string' && drill !== '' ? drill : null
}

function point(item: ChartItem): { name: string; value: number; drill: string | null } {
  return { name: item.label, value: item.value, drill: item.drill ?? null }
}

/** Bars, one per item; horizontal for long labels (units, chains). */
export function barOption(items: readonly ChartItem[], options: { series: string; horizontal?: boolean; theme?: ChartTheme }): EChartsCoreOption {
  const theme = options.theme ?? 'light'
  const labels = items.map((i) => i.label)
  const category = { type: 'category', data: labels, axisLabel: { color: text(theme), interval: 0, overflow: 'truncate', width: 140 }, axisLine: { lineStyle: { color: axisLine(theme) } } }
  const value = { type: 'value', axisLabel: { color: text(theme) }, splitLine: { lineStyle: { color: axisLine(theme) } }, minInterval: 1 }
  return {
    color: PALETTE,
    tooltip: { trigger: 'item' },
    grid: { left: 12, right: 24, top: 16, bottom: 12, containLabel: true },
    xAxis: options.horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: items.length > 6 ? 30 : 0 } },
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        name: options.series,
        data: items.map(point),
        barMaxWidth: 36,
        cursor: 'pointer',
        label: { show: true, position: options.horizontal ? 'right' : 'top', color: text(theme) },
      },
    ],
  }
}

/** A ring of slices, one per item (items with nothing left out). */
export function pieOption(items: readonly ChartItem[], options: { series: string; theme?: ChartTheme }): EChartsCoreOption {
  const theme = options.theme ?? 'light'
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    series: [
      {
        type: 'pie',
        name: options.series,
        radius: ['38%', '68%'],
        center: ['50%', '50%'],
        data: items.filter((i) => i.value > 0).map(point),
        cursor: 'pointer',
        label: { color: text(theme), formatter: '{b}\n{c}' },
      },
    ],
  }
}

export interface FlowPoint {
  month: string
  to: string
  projects: number
}

/** Projects entering each stage per month, one line per stage (in the given stage order). */
export function flowOption(flow: readonly FlowPoint[], stages: readonly { code: string; label: string }[], theme: ChartTheme = 'light'): EChartsCoreOption {
  const months = [...new Set(flow.map((f) => f.month))].sort()
  const used = stages.filter((s) => flow.some((f) => f.to === s.code))
  const count = (month: string, stage: string) => flow.filter((f) => f.month === month && f.to === stage).reduce((sum, f) => sum + f.projects, 0)
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, textStyle: { color: text(theme) }, type: 'scroll' },
    grid: { left: 12, right: 24, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { color: text(theme) } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text(theme) }, splitLine: { lineStyle: { color: axisLine(theme) } } },
    series: used.map((s) => ({ type: 'line', name: s.label, smooth: true, data: months.map((m) => count(m, s.code)) })),
  }
}

export interface MapItem extends ChartItem {
  /** The district's division code (the map's feature names). */
  code: string
}

/** The district map coloured by one figure; each district shows its label. */
export function mapOption(items: readonly MapItem[], options: { series: string; theme?: ChartTheme; labels: Readonly<Record<string, string>> }): EChartsCoreOption {
  const theme = options.theme ?? 'light'
  const values = items.map((i) => i.value)
  const max = Math.max(1, ...values)
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: unknown }) => `${options.labels[p.name] ?? p.name}: ${Number.isFinite(p.value) ? String(p.value) : '—'}` },
    visualMap: {
      min: 0,
      max,
      left: 8,
      bottom: 8,
      calculable: true,
      textStyle: { color: text(theme) },
      inRange: { color: theme === 'dark' ? ['#12335c', '#2f6fde', '#7fd3ff'] : ['#e6f0ff', '#6fa1f2', '#1c4fae'] },
    },
    series: [
      {
        type: 'map',
        map: CITY_MAP,
        name: options.series,
        roam: false,
        cursor: 'pointer',
        label: { show: true, color: theme === 'dark' ? '#fff' : '#1f2d3d', fontSize: 11, formatter: (p: { name: string }) => options.labels[p.name] ?? p.name },
        itemStyle: { borderColor: theme === 'dark' ? '#0b1a33' : '#fff', areaColor: theme === 'dark' ? '#1b2c48' : '#eef2f7' },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#f0a020' } },
        data: items.map((i) => ({ name: i.code, value: i.value, drill: i.drill ?? null })),
      },
    ],
  }
}
