import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { invalid } from '../validate.js';

/**
 * The Lua scripts, one file each in `lua/` (copied next to the bundle by tsup), named
 * `<name>-<numKeys>.lua` or `<name>-n.lua` for a variable number of keys (STYLE.md #8). A line
 * `--#include <file>` pastes a shared file (helpers of the assignment scripts).
 */
export const SCRIPTS = {
  leaseAcquire: 'lease-acquire-2',
  leaseRenew: 'lease-renew-1',
  leaseRelease: 'lease-release-1',
  leaseCurrent: 'lease-current-1',
  registryHeartbeat: 'registry-heartbeat-2',
  registryList: 'registry-list-2',
  registrySweep: 'registry-sweep-2',
  registryRemove: 'registry-remove-2',
  rateTake: 'rate-take-2',
  dedupClaimAll: 'dedup-claim-all-n',
  streamClaimIdle: 'stream-claim-idle-1',
  assignClaimFence: 'assign-claim-fence-9',
  assignWant: 'assign-want-9',
  assignUnwant: 'assign-unwant-9',
  assignPlace: 'assign-place-9',
  assignUnplace: 'assign-unplace-9',
  assignRemoveWorker: 'assign-remove-worker-9',
  assignList: 'assign-list-9',
} as const;

export type ScriptName = keyof typeof SCRIPTS;
type Arg = string | number;
type ScriptCall = (...args: Arg[]) => Promise<unknown>;

const LUA_DIR = new URL('./lua/', import.meta.url);
let sources: Map<ScriptName, string> | undefined;

/** Reads every script once per process; `--#include` lines are expanded here. */
function loadSources(): Map<ScriptName, string> {
  if (sources !== undefined) return sources;
  const read = (file: string) => readFileSync(new URL(file, LUA_DIR), 'utf8');
  const expand = (text: string) => text.replace(/^--#include (\S+)$/gm, (_line, file: string) => read(file));
  sources = new Map(
    (Object.entries(SCRIPTS) as [ScriptName, string][]).map(([name, file]) => [
      name,
      expand(read(`${file}.lua`)),
    ]),
  );
  return sources;
}

function declaredKeys(name: ScriptName): number | undefined {
  const count = /-(\d+|n)$/.exec(SCRIPTS[name])?.[1];
  return count === undefined || count === 'n' ? undefined : Number(count);
}

/**
 * Registers every script on a connection with `defineCommand`: ioredis then sends EVALSHA and
 * loads the script on NOSCRIPT (after a restart or a failover) by itself.
 */
export function defineScripts(redis: Redis): void {
  for (const [name, lua] of loadSources()) redis.defineCommand(`tmi_${name}`, { lua });
}

/**
 * Runs a script with exactly the keys it declares (checked against its file name), on a
 * connection or inside a pipeline/MULTI.
 */
export function runScript(
  redis: Redis,
  name: ScriptName,
  keys: readonly string[],
  args: readonly Arg[],
): Promise<unknown> {
  const expected = declaredKeys(name);
  if (expected !== undefined && keys.length !== expected)
    invalid('keys', `of script ${SCRIPTS[name]} must number ${expected}`, keys.length);
  const call = (redis as unknown as Record<string, ScriptCall>)[`tmi_${name}`];
  if (call === undefined) throw new Error(`script ${name} was not defined on this connection`);
  return call.call(redis, keys.length, ...keys, ...args);
}
