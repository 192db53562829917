import type { EmbeddedStatus } from '../embedded/cluster.js';

/** One sample of the counters behind a status line. */
export interface Sample {
  at: number;
  /** Events the workers published so far (sum of their counters). */
  events: number;
}

/** The numbers a status line shows, read from one status snapshot. */
export function sampleOf(status: EmbeddedStatus, at: number): Sample {
  let events = 0;
  for (const w of status.cluster.workers) {
    const n = w.data['eventsPublished'];
    if (typeof n === 'number') events += n;
  }
  return { at, events };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `[12:00:05] workers 2/2, channels 1,000 wanted / 1,000 confirmed, 812 events/s`. */
export function formatStatusLine(status: EmbeddedStatus, now: Sample, last: Sample): string {
  const seconds = Math.max((now.at - last.at) / 1000, 0.001);
  // A restarted worker's counter starts at 0 again: never show a negative rate.
  const rate = Math.max(0, now.events - last.events) / seconds;
  const ready = status.cluster.workers.filter((w) => w.state === 'ready').length;
  const { wanted, placements } = status.cluster.channels;
  const time = new Date(now.at).toISOString().slice(11, 19);
  const failed = placements.failed > 0 ? `, ${fmt(placements.failed)} failed` : '';
  return (
    `[${time}] workers ${ready}/${status.supervisor.target}, channels ${fmt(wanted)} wanted / ` +
    `${fmt(placements.confirmed)} confirmed${failed}, ${fmt(rate)} events/s`
  );
}

/** A one-line `[#####.....] 420/1,000 channels joined` bar, `width` characters of bar. */
export function formatProgress(done: number, total: number, width = 30): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${fmt(done)}/${fmt(total)} channels joined`;
}

/** The banner printed once the cluster runs. */
export function formatStartBanner(input: {
  supervisorId: string;
  workers: number;
  identity: string;
  server: string;
  control: string;
  sim: { channels: number; rate: number } | null;
  /** The dashboard's URL (and how to sign in), when it runs. */
  web?: string | null;
}): string[] {
  const lines = [
    `tmi-cluster running (embedded: supervisor ${input.supervisorId}, ${input.workers} worker thread(s) starting)`,
    `  chat server  ${input.server}${input.sim ? '  (twitch-sim in this process)' : ''}`,
    `  identity     ${input.identity}`,
    `  control      ${input.control}  (tmi-cluster join|part|say|status|health)`,
  ];
  if (input.web) lines.push(`  web          ${input.web}`);
  if (input.sim) {
    lines.push(
      `  sim          ${fmt(input.sim.channels)} channels, ${fmt(input.sim.rate)} chat lines/s generated`,
    );
  }
  lines.push('Ctrl-C drains the workers and stops.');
  return lines;
}
