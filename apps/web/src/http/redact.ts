/** Keys whose values are secrets wherever they appear in the configuration. */
const SECRET = /token|secret|password|passwd|credential|apikey|api_key/i;
/** `redis://user:pass@host` → `redis://user:***@host`. */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)([^@]*)@/i;

export const REDACTED = '[redacted]';

/** A deep copy of the configuration with every secret replaced, for `GET /api/config`. */
export function redact(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (SECRET.test(key) && (typeof value === 'string' || typeof value === 'number')) return REDACTED;
  if (typeof value === 'string') return value.replace(URL_PASSWORD, `$1${REDACTED}@`);
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k);
    return out;
  }
  return value;
}
