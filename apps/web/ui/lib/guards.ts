import type { ChatMessage, EventItem, Overview } from './types.js';

/**
 * Shape checks for what arrives over SSE: the stream outlives deploys, so a payload from an
 * older or newer server must be skipped rather than crash a view that reads its fields.
 */
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isOverview(v: unknown): v is Overview {
  if (!isRecord(v)) return false;
  const { status, rates, channels, workers, supervisors, memory } = v;
  return (
    (status === 'operational' || status === 'degraded' || status === 'down') &&
    Array.isArray(v['reasons']) &&
    isNum(v['at']) &&
    isRecord(rates) &&
    isNum(rates['messagesIn']) &&
    isNum(rates['messagesOut']) &&
    isNum(rates['commands']) &&
    isRecord(channels) &&
    isNum(channels['wanted']) &&
    isNum(channels['confirmed']) &&
    isRecord(workers) &&
    isNum(workers['total']) &&
    isRecord(supervisors) &&
    isNum(supervisors['total']) &&
    isRecord(memory) &&
    isNum(memory['rssBytes']) &&
    Array.isArray(v['rateLimits'])
  );
}

export function isEventItem(v: unknown): v is EventItem {
  return (
    isRecord(v) &&
    (typeof v['id'] === 'string' || isNum(v['id'])) &&
    typeof v['kind'] === 'string' &&
    typeof v['message'] === 'string' &&
    isNum(v['at'])
  );
}

export function isChatMessage(v: unknown): v is ChatMessage {
  return (
    isRecord(v) &&
    typeof v['id'] === 'string' &&
    typeof v['user'] === 'string' &&
    typeof v['text'] === 'string' &&
    isNum(v['at'])
  );
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
