// Turning dashboard figures into chart items and table rows.
import type { ProjectFigure } from '@/shared/api/dashboard'
import type { ChartItem } from '@/shared/charts/options'

export interface FigureRow extends ProjectFigure {
  key: string
  label: string
}

/** Chart items counting projects, one per row. */
export function projectItems(rows: readonly FigureRow[]): ChartItem[] {
  return rows.map((r) => ({ key: r.key, label: r.label, value: r.projects, drill: r.drill ?? null }))
}

/** A decimal string as a number for sorting and colouring (never for display or sums). */
export function amount(value: string | null | undefined): number {
  const n = Number(value ?? '')
  return Number.isFinite(n) ? n : 0
}

/** Sums of a list of figures' project counts (for "in total" lines). */
export function totalProjects(rows: readonly ProjectFigure[]): number {
  return rows.reduce((sum, r) => sum + r.projects, 0)
}
