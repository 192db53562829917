import { intTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';

/** A user reached a new bits badge (`bitsbadgetier`). */
export interface BitsBadgeTierEvent extends UserNoticeBase {
  type: 'bitsbadgetier';
  /** The badge tier reached, in bits (`msg-param-threshold`). */
  threshold: number | null;
}

/** `msg-id=bitsbadgetier` → {@link BitsBadgeTierEvent}. */
export function parseBitsBadgeTier(notice: UserNoticeBase): BitsBadgeTierEvent {
  return { type: 'bitsbadgetier', ...notice, threshold: intTag(notice.tags, 'msg-param-threshold') };
}
