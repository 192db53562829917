import { textTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';

/** A moderator's `/announce` (`announcement`); the announced text is `text`. */
export interface AnnouncementEvent extends UserNoticeBase {
  type: 'announcement';
  /** `PRIMARY`, `BLUE`, `GREEN`, `ORANGE` or `PURPLE`; null when absent. */
  color: string | null;
}

/** `msg-id=announcement` → {@link AnnouncementEvent}. */
export function parseAnnouncement(notice: UserNoticeBase): AnnouncementEvent {
  return { type: 'announcement', ...notice, color: textTag(notice.tags, 'msg-param-color') };
}
