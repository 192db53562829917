import {
  LimitKeys,
  type MemberRecord,
  type RateLimiter,
  TIER_LIMITS,
  type WindowLimit,
} from '@tmi-cluster/core';
import type { RateLimitUse } from './types.js';

export type Tier = 'normal' | 'verified';

/** PRIVMSGs per 30 s of a normal and a verified account (twitch-irc.md §2). */
const PRIVMSG: Record<Tier, WindowLimit> = {
  normal: { count: 20, windowMs: 30_000 },
  verified: { count: 7_500, windowMs: 30_000 },
};

/** Identities probed per sample, so a cluster of many anonymous readers stays cheap to watch. */
const MAX_IDENTITIES = 50;

/**
 * Reads every identity's budgets from the cluster-wide limiter without taking any (`available`):
 * JOIN and AUTH for the identities workers read as, PRIVMSG for the senders.
 */
export async function probeRateLimits(
  limiter: RateLimiter,
  workers: readonly MemberRecord[],
  tierOf: (identity: string) => Tier,
): Promise<RateLimitUse[]> {
  const readers = new Set<string>();
  const senders = new Set<string>();
  for (const w of workers) {
    const identity = w.data['identity'];
    const sender = w.data['sender'];
    if (typeof identity === 'string' && identity !== '') readers.add(identity);
    if (typeof sender === 'string' && sender !== '') senders.add(sender);
  }
  const probes: { identity: string; kind: RateLimitUse['kind']; key: string; limit: WindowLimit }[] = [];
  for (const identity of [...senders].sort())
    probes.push({
      identity,
      kind: 'privmsg',
      key: LimitKeys.privmsg(identity),
      limit: PRIVMSG[tierOf(identity)],
    });
  for (const identity of [...readers, ...senders].filter((v, i, a) => a.indexOf(v) === i).sort()) {
    const tier = TIER_LIMITS[tierOf(identity)];
    probes.push({ identity, kind: 'join', key: LimitKeys.join(identity), limit: tier.join });
    probes.push({ identity, kind: 'auth', key: LimitKeys.auth(identity), limit: tier.auth });
  }
  const selected = probes.slice(0, MAX_IDENTITIES * 3);
  const available = await Promise.all(selected.map((p) => limiter.available(p.key, p.limit)));
  return selected.map((p, i) => ({
    identity: p.identity,
    kind: p.kind,
    used: Math.max(0, p.limit.count - available[i]!),
    limit: p.limit.count,
    windowMs: p.limit.windowMs,
  }));
}
