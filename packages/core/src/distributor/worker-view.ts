import { z } from 'zod';
import type { MemberRecord } from '../ports/registry.js';

/** A live worker as placement needs it. */
export interface WorkerInfo {
  id: string;
  host: string;
  /** The account its connections log in as (JOIN limits count per account). */
  identity: string;
  /** Most channels it accepts. */
  capacity: number;
  /** `ready` takes new channels, `draining` hands its channels back; anything else only keeps what it has. */
  state: string;
  supervisorId?: string;
}

const workerDataSchema = z.object({
  capacity: z.number().int().min(0),
  identity: z.string().min(1),
  host: z.string().min(1).optional(),
});

/**
 * The registry's live workers, refreshed once per sweep. A worker whose heartbeat data does not
 * say `capacity` and `identity` is live (its channels stay) but never gets new ones.
 */
export class WorkerView {
  #workers = new Map<string, WorkerInfo>();
  #invalid = new Map<string, string>();

  /** Replaces the view with the registry's current list; returns ids with unusable data. */
  update(records: readonly MemberRecord[]): Map<string, string> {
    const workers = new Map<string, WorkerInfo>();
    const invalid = new Map<string, string>();
    for (const record of records) {
      const data = workerDataSchema.safeParse(record.data);
      if (!data.success) {
        invalid.set(
          record.id,
          data.error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`).join('; '),
        );
        workers.set(record.id, {
          id: record.id,
          host: record.host,
          identity: '',
          capacity: 0,
          state: record.state,
        });
        continue;
      }
      const info: WorkerInfo = {
        id: record.id,
        host: data.data.host ?? record.host,
        identity: data.data.identity,
        capacity: data.data.capacity,
        state: record.state,
      };
      if (record.supervisorId !== undefined) info.supervisorId = record.supervisorId;
      workers.set(record.id, info);
    }
    this.#workers = workers;
    this.#invalid = invalid;
    return invalid;
  }

  get(id: string): WorkerInfo | undefined {
    return this.#workers.get(id);
  }

  /** Listed by the registry (heartbeat not expired), in any state. */
  isLive(id: string): boolean {
    return this.#workers.has(id);
  }

  isDraining(id: string): boolean {
    return this.#workers.get(id)?.state === 'draining';
  }

  all(): WorkerInfo[] {
    return [...this.#workers.values()];
  }

  /** Workers that take new channels: `ready`, with valid data. */
  eligible(): WorkerInfo[] {
    return this.all().filter((w) => w.state === 'ready' && !this.#invalid.has(w.id));
  }

  draining(): WorkerInfo[] {
    return this.all().filter((w) => w.state === 'draining');
  }
}
