import type { ApiError } from '@/shared/api/http'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** Codes that have their own text in the locale files (errors.<code>). */
export const LOCALIZED_ERROR_CODES = ['network_error', 'not_found', 'bad_response', 'client_error'] as const

/**
 * Text to show for an API error: our own wording for client-side and well-known codes, otherwise
 * the server's message (already in the requested language), otherwise a generic line with the code.
 */
export function errorText(err: ApiError, t: Translate): string {
  if ((LOCALIZED_ERROR_CODES as readonly string[]).includes(err.code)) return t(`errors.${err.code}`)
  if (err.message && err.message !== err.code) return err.message
  return t('errors.generic', { code: err.code })
}
