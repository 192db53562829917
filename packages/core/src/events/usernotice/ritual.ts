import { textTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';

/** A chat ritual, such as a new chatter's greeting (`ritual`). */
export interface RitualEvent extends UserNoticeBase {
  type: 'ritual';
  /** `msg-param-ritual-name`, e.g. `new_chatter`. */
  ritualName: string | null;
}

/** `msg-id=ritual` → {@link RitualEvent}. */
export function parseRitual(notice: UserNoticeBase): RitualEvent {
  return { type: 'ritual', ...notice, ritualName: textTag(notice.tags, 'msg-param-ritual-name') };
}
