import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKER_COUNTERS } from '../src/backend/counter-ledger.js';
import type { MetricsSample } from '../src/backend/types.js';
import { ClusterMetrics } from '../src/metrics/cluster-metrics.js';

const doc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

function sample(totals: Record<string, number>): MetricsSample {
  return {
    channels: {
      wanted: 3,
      placements: { pending: 1, confirmed: 2, failed: 0 },
      failedByReason: { msg_banned: 1 },
    },
    workers: [
      {
        id: 'w1',
        supervisorId: 's1',
        state: 'ready',
        channels: 2,
        connections: 1,
        memoryBytes: 10,
        eventLoopLagMs: 4,
        messagesIn: 0,
        messagesOut: 0,
        lastHeartbeatAt: 1,
      },
    ],
    supervisors: [
      {
        id: 's1',
        host: 'h',
        state: 'running',
        workers: 1,
        channels: 2,
        memoryBytes: 0,
        lastHeartbeatAt: 1,
        restarts: 0,
        reportedMemory: 99,
      },
    ],
    totals,
    commands: 5,
    gaps: 1,
    joinQueue: 1,
    rateLimits: [{ identity: 'bot', kind: 'privmsg', used: 2, limit: 20, windowMs: 30_000 }],
    coordinatorTerm: 3,
  };
}

/** Metric families in an exposition text. */
const families = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));

describe('metrics, docs and the Grafana dashboard agree', () => {
  it('every metric is documented and every dashboard query names an exported metric', async () => {
    const all = Object.fromEntries(WORKER_COUNTERS.map((k) => [k, 1]));
    const exported = families(await new ClusterMetrics().render(sample(all)));
    const web = doc('web.md');
    for (const name of exported) expect(web, `${name} in docs/web.md`).toContain(name.replace(/_total$/, ''));
    const dashboard = doc('grafana-dashboard.json');
    JSON.parse(dashboard);
    const used = new Set([...dashboard.matchAll(/tmi_cluster_[a-z_]+/g)].map((m) => m[0]));
    for (const name of used) expect(exported, `${name} in the dashboard`).toContain(name);
  });

  it('counters without a report are left out, and never go down between scrapes', async () => {
    const metrics = new ClusterMetrics();
    const first = await metrics.render(sample({ messagesIn: 10 }));
    expect(first).toContain('tmi_cluster_messages_total{direction="in",command="PRIVMSG"} 10');
    expect(first).not.toContain('tmi_cluster_reconnects_total');
    expect(first).not.toContain('tmi_cluster_rate_limit_refusals_total');
    const second = await metrics.render(sample({ messagesIn: 7, reconnects: 2 }));
    expect(second).toContain('tmi_cluster_messages_total{direction="in",command="PRIVMSG"} 10');
    expect(second).toContain('tmi_cluster_reconnects_total 2');
    const third = await metrics.render({ ...sample({ messagesIn: 25 }), workers: [], supervisors: [] });
    expect(third).toContain('tmi_cluster_messages_total{direction="in",command="PRIVMSG"} 25');
    // Members that went away leave no stale series behind.
    expect(third).not.toContain('worker="w1"');
    expect(third).not.toContain('supervisor="s1"');
  });
});
