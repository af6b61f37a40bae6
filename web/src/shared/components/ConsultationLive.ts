// Live updates of consultations: a question routed to a unit, answered, transferred. The server
// also raises an in-app notification, so either message means "read it again".
import { useLive } from '@/shared/live'

export const CONSULTATION_EVENTS = ['consultation.changed', 'consultation.answered', 'consultation.routed', 'notification'] as const

/** Runs `reload` when a consultation message (for `id`, when given) arrives or the line comes back. */
export function useConsultationLive(reload: () => void, id?: () => number): void {
  for (const type of CONSULTATION_EVENTS) {
    useLive(
      type,
      (message) => {
        const about = Number(message.consultation_id ?? message.id)
        if (id && type !== 'notification' && Number.isFinite(about) && about > 0 && about !== id()) return
        reload()
      },
      { onReconnect: type === 'consultation.changed' },
    )
  }
}
