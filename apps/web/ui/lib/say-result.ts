import { formatDuration } from './format.js';

/** One line for the notice after "Send": what Twitch (through the cluster) did with the message. */
export function describeSayResult(result: unknown): { tone: 'ok' | 'error'; text: string } {
  const r = (result ?? {}) as Record<string, unknown>;
  const channel = typeof r['channel'] === 'string' ? `#${r['channel']}` : 'the channel';
  switch (r['status']) {
    case 'sent': {
      const parts = typeof r['parts'] === 'number' && r['parts'] > 1 ? ` in ${r['parts']} parts` : '';
      return { tone: 'ok', text: `Sent to ${channel}${parts}` };
    }
    case 'rate_limited':
      return {
        tone: 'error',
        text: `Not sent to ${channel}: rate limit, try again in ${formatDuration(Number(r['retryAfterMs']))}`,
      };
    case 'rejected':
      return { tone: 'error', text: `Twitch refused the message in ${channel} (${String(r['reason'])})` };
    case 'duplicate':
      return { tone: 'error', text: `Already sent (same idempotency key) to ${channel}` };
    default:
      return { tone: 'error', text: `Unexpected answer: ${JSON.stringify(result)}` };
  }
}
