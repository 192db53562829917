import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TmiClusterError } from '@tmi-cluster/core';
import { type Config, configSchema } from './schema.js';
import { merge, readEnv } from './env.js';

/** File names looked for in the working directory, in this order. */
export const CONFIG_FILES = [
  'tmi-cluster.config.ts',
  'tmi-cluster.config.js',
  'tmi-cluster.config.mjs',
  'tmi-cluster.config.json',
];

/** Where the configuration came from, for `tmi-cluster config` and error messages. */
export interface LoadedConfig {
  config: Readonly<Config>;
  file: string | null;
  envKeys: string[];
}

/**
 * Loads the config file (explicit `file`, else the first of {@link CONFIG_FILES} in `cwd`), lays
 * `TMI_CLUSTER_*` variables over it, validates once and freezes. Every problem is reported in one
 * TMI_ERR_INVALID_CONFIG error naming the key, the rule, and the file or variable it came from.
 */
export async function loadConfig(
  options: { file?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ? path.resolve(cwd, options.file) : findConfigFile(cwd);
  if (options.file && !existsSync(file!)) {
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `config file ${options.file} does not exist`, {
      file,
    });
  }
  const fromFile = file ? await readConfigFile(file) : {};
  const { values, sources } = readEnv(options.env ?? process.env);
  const parsed = configSchema.safeParse(merge(fromFile, values));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.') || '(root)';
      const origin = sources.get(key) ?? (file ? path.relative(cwd, file) : 'defaults');
      const message =
        issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
      return `${key}: ${message} (from ${origin})`;
    });
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `invalid configuration\n  ${issues.join('\n  ')}`, {
      issues,
    });
  }
  return { config: deepFreeze(parsed.data), file, envKeys: [...sources.values()] };
}

function findConfigFile(cwd: string): string | null {
  for (const name of CONFIG_FILES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  try {
    if (file.endsWith('.json')) return asObject(JSON.parse(readFileSync(file, 'utf8')), file);
    if (file.endsWith('.ts')) {
      // TypeScript configs are compiled on the fly by tsx, so users need no build step.
      const { tsImport } = await import('tsx/esm/api');
      const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
      return asObject(unwrapDefault(mod.default), file);
    }
    const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return asObject(mod.default, file);
  } catch (err) {
    if (err instanceof TmiClusterError) throw err;
    throw new TmiClusterError(
      'TMI_ERR_INVALID_CONFIG',
      `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
      { file },
      { cause: err },
    );
  }
}

/**
 * A `.ts` file outside an ESM package is compiled as CommonJS, whose `export default` arrives as
 * `{ default: … }` inside the namespace's default: unwrap that one level.
 */
function unwrapDefault(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'default' in value && Object.keys(value).length <= 2) {
    return (value as { default: unknown }).default;
  }
  return value;
}

function asObject(value: unknown, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `${file} must export (default) an object`, { file });
  }
  return value as Record<string, unknown>;
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The config with secrets replaced, for printing and the dashboard. */
export function redactConfig(config: Readonly<Config>): unknown {
  return JSON.parse(
    JSON.stringify(config, (key, value: unknown) => {
      if (typeof value !== 'string') return value;
      if (/token|secret|password/i.test(key)) return '[redacted]';
      // A database url may carry the password: postgres://user:secret@host/db.
      return key === 'url' ? value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:[redacted]@') : value;
    }),
  );
}
