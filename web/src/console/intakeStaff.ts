// Small rules of the intake pages of the console: person-level routing (staff availability) and
// board contests.
import { STAFF_CAPACITY_MAX, type IntakeStaff } from '@/shared/api/intake'

/** What a unit lead may change about a staff member. */
export interface StaffDraft {
  on_leave: boolean
  capacity: number
}

/** True when the draft differs from what the server holds (and is worth saving). */
export function isStaffDirty(row: Pick<IntakeStaff, 'on_leave' | 'capacity'>, draft: StaffDraft): boolean {
  return row.on_leave !== draft.on_leave || row.capacity !== draft.capacity
}

/** A capacity the server accepts: a whole number from 0 to 500. */
export function validCapacity(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= STAFF_CAPACITY_MAX
}

/**
 * Open items per unit of capacity (1 = full): routing skips a person at or over 1. A capacity of 0
 * counts as full.
 */
export function staffLoad(row: Pick<IntakeStaff, 'open_items' | 'capacity'>): number {
  if (row.capacity <= 0) return 1
  return row.open_items / row.capacity
}

export type ContestTagType = 'warning' | 'success' | 'info'

/** Tag colour of a contest's status: pending (warning), accepted (success), rejected (info). */
export function contestTagType(status: string): ContestTagType {
  if (status === 'pending') return 'warning'
  if (status === 'accepted') return 'success'
  return 'info'
}
