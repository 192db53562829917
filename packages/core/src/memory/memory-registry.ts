import { systemClock } from '../clock/system-clock.js';
import type { Clock } from '../ports/clock.js';
import type { MemberKind, MemberRecord, Registry } from '../ports/registry.js';
import { assertDuration } from './validate.js';

interface Membership {
  /** The record as JSON, exactly what the Redis adapter stores, so embedded mode catches data that would not survive it. */
  json: string;
  expiresAt: number;
}

export interface MemoryRegistryOptions {
  /** Source of time for expiry. Default: the system clock. */
  clock?: Clock;
}

/** The in-memory Registry of embedded mode; expiry follows the clock (see the port's TSDoc). */
export class MemoryRegistry implements Registry {
  readonly #clock: Clock;
  readonly #members: Record<MemberKind, Map<string, Membership>> = {
    supervisor: new Map(),
    worker: new Map(),
  };

  constructor(options: MemoryRegistryOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async heartbeat(member: MemberRecord, ttlMs: number): Promise<void> {
    assertDuration('ttlMs', ttlMs);
    const now = this.#clock.now();
    const json = JSON.stringify({ ...member, lastSeenAt: now });
    this.#members[member.kind].set(member.id, { json, expiresAt: now + ttlMs });
  }

  async get(kind: MemberKind, id: string): Promise<MemberRecord | null> {
    const membership = this.#members[kind].get(id);
    return membership === undefined ? null : parse(membership);
  }

  async list(kind: MemberKind): Promise<MemberRecord[]> {
    const now = this.#clock.now();
    const alive: MemberRecord[] = [];
    for (const membership of this.#members[kind].values())
      if (now < membership.expiresAt) alive.push(parse(membership));
    return alive;
  }

  async sweepExpired(kind: MemberKind): Promise<MemberRecord[]> {
    // Synchronous from check to delete, so concurrent callers cannot both see one member.
    const now = this.#clock.now();
    const members = this.#members[kind];
    const expired: MemberRecord[] = [];
    for (const [id, membership] of members) {
      if (now < membership.expiresAt) continue;
      members.delete(id);
      expired.push(parse(membership));
    }
    return expired;
  }

  async remove(kind: MemberKind, id: string): Promise<boolean> {
    return this.#members[kind].delete(id);
  }
}

function parse(membership: Membership): MemberRecord {
  return JSON.parse(membership.json) as MemberRecord;
}
