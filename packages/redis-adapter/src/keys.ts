/**
 * Every Redis key the adapter uses is built here (STYLE.md #8), so docs/redis.md has one place to
 * match. Keys are `<prefix>{<tag>}:<rest>`: the part in braces is the Redis Cluster hash tag, and
 * every key that one script or MULTI touches shares it.
 *
 * - `{stream:<name>}` per stream: streams are independent and every stream command is single-key.
 * - `{registry}`, `{dedup}`, `{assign}`: cluster-wide state that one script reads and writes as a
 *   whole (a sweep, a batch of claims, a fenced bulk write), so it lives on one cluster slot.
 * - `{lease:<name>}` and `{rate:<key>}`: one small group of keys per lease and per limiter key.
 */
export class KeySpace {
  readonly prefix: string;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  stream(name: string): string {
    return `${this.prefix}{stream:${name}}`;
  }

  /** Member records (hash id → JSON) and expiry times (sorted set id → expiresAt) of one kind. */
  registry(kind: string): { records: string; expiry: string } {
    return {
      records: `${this.prefix}{registry}:${kind}:records`,
      expiry: `${this.prefix}{registry}:${kind}:expiry`,
    };
  }

  /** The current grant (hash) and the last token handed out (never expires) of one lease. */
  lease(name: string): { grant: string; token: string } {
    return { grant: `${this.prefix}{lease:${name}}:grant`, token: `${this.prefix}{lease:${name}}:token` };
  }

  /** The window log (list of `<ms>:<cost>`) and the units in it (string) of one limiter key. */
  rate(key: string): { log: string; used: string } {
    return { log: `${this.prefix}{rate:${key}}:log`, used: `${this.prefix}{rate:${key}}:used` };
  }

  dedup(key: string): string {
    return `${this.prefix}{dedup}:${key}`;
  }

  /** The AssignmentStore's keys, in the order every assignment script declares them. */
  assignment(): readonly string[] {
    const at = (name: string) => `${this.prefix}{assign}:${name}`;
    return [
      at('fence'),
      at('wanted'),
      at('order'),
      at('seq'),
      at('placed'),
      at('by-worker'),
      at('states'),
      at('failed'),
      at('load'),
    ];
  }
}
