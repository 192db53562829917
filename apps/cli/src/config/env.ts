/**
 * Reads `TMI_CLUSTER_*` variables into a config object. A double underscore separates path
 * segments and single underscores become camelCase, so `TMI_CLUSTER_CONNECTION__MAX_CHANNELS=120`
 * sets `connection.maxChannels` and `TMI_CLUSTER_IDENTITY__TOKEN` sets `identity.token`. Values
 * that parse as JSON (numbers, booleans, arrays) are used as such; anything else is a string.
 * Returns the object and, per path, the variable it came from (for error messages).
 */
export function readEnv(env: NodeJS.ProcessEnv): {
  values: Record<string, unknown>;
  sources: Map<string, string>;
} {
  const values: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('TMI_CLUSTER_') || raw === undefined) continue;
    const path = name
      .slice('TMI_CLUSTER_'.length)
      .split('__')
      .map((segment) => segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    if (path.some((p) => p === '')) continue;
    let target = values;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target[key] = typeof next === 'object' && next !== null ? next : {};
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1)!] = parseValue(raw);
    sources.set(path.join('.'), name);
  }
  return { values, sources };
}

function parseValue(raw: string): unknown {
  const trimmed = raw.trim();
  if (/^(-?\d+(\.\d+)?|true|false|null|\[.*\])$/s.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return raw;
    }
  }
  return raw;
}

/** Deep-merges `over` onto `base` (plain objects merge, everything else replaces). */
export function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? merge(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
