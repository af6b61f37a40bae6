// Form error state shared by the identity forms: per-field messages (ours or the server's) and one
// message for the whole form.
import { reactive, ref } from 'vue'
import { isApiError } from '@/shared/api/http'
import { errorText } from '@/shared/errors'
import type { ValidationKey } from './validation'

type Translate = (key: string, named?: Record<string, unknown>) => string

export function useFormErrors<F extends string>(t: Translate) {
  const fields = reactive<Record<string, string>>({})
  const form = ref('')

  function clear(): void {
    for (const key of Object.keys(fields)) delete fields[key]
    form.value = ''
  }

  /**
   * Runs the checks; sets a message for each failing field. Returns true when all pass.
   * `checks` maps a field to a locale key or null.
   */
  function validate(checks: Partial<Record<F, ValidationKey | null>>): boolean {
    clear()
    let ok = true
    for (const [field, key] of Object.entries(checks) as [F, ValidationKey | null][]) {
      if (key) {
        fields[field] = t(key)
        ok = false
      }
    }
    return ok
  }

  /** Shows an API error: its field messages under the fields, its message above the form. */
  function apply(err: unknown): void {
    clear()
    if (isApiError(err)) {
      for (const [key, text] of Object.entries(err.fields)) fields[key] = text
      form.value = errorText(err, t)
    } else {
      form.value = t('errors.client_error')
    }
  }

  const busy = ref(false)

  /** Runs a form's request with `busy` set, showing whatever it throws through `apply`. */
  async function submitting(action: () => Promise<void>): Promise<void> {
    busy.value = true
    try {
      await action()
    } catch (err) {
      apply(err)
    } finally {
      busy.value = false
    }
  }

  return { fields, form, clear, validate, apply, busy, submitting }
}
