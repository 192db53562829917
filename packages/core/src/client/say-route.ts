import type { AssignmentStore } from '../ports/assignment-store.js';
import type { MemberRecord, Registry } from '../ports/registry.js';

const ANONYMOUS = /^justinfan\d+$/;

/**
 * The worker that should send in `channel`: one holding a confirmed placement (it saw Twitch's
 * JOIN echo, so its connection is in the channel), preferring a live worker that can send (not an
 * anonymous-only `justinfan…` reader). With `identity`, only a worker sending as that account
 * (its reading identity, or its separate sender) qualifies. Null when no worker qualifies: the caller answers `not_joined` without sending.
 */
export async function routeSay(
  store: AssignmentStore,
  registry: Registry,
  channel: string,
  identity: string | null,
): Promise<string | null> {
  const [assignment] = await store.get([channel]);
  const confirmed = assignment?.placements.filter((p) => p.state === 'confirmed') ?? [];
  if (confirmed.length === 0) return null;
  const records = await Promise.all(confirmed.map((p) => registry.get('worker', p.workerId)));
  let best: { workerId: string; rank: number } | null = null;
  for (const [i, placement] of confirmed.entries()) {
    const record = records[i] ?? null;
    const login = identityOf(record);
    if (identity !== null && login !== identity) continue;
    const rank = rankOf(record, login);
    if (best === null || rank > best.rank) best = { workerId: placement.workerId, rank };
  }
  return best?.workerId ?? null;
}

/** 2: registered and can send; 1: registered but anonymous (it will answer `anonymous`); 0: not registered. */
function rankOf(record: MemberRecord | null, login: string | null): number {
  if (record === null) return 0;
  return login !== null && !ANONYMOUS.test(login) ? 2 : 1;
}

/** The account a worker sends as: its separate sender when it has one, else the login it reads as. */
function identityOf(record: MemberRecord | null): string | null {
  const sender = record?.data['sender'];
  if (typeof sender === 'string') return sender;
  const login = record?.data['identity'];
  return typeof login === 'string' ? login : null;
}
