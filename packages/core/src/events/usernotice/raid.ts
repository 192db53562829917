import { intTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';

/** Another channel raids this one (`raid`); `user` is the raiding broadcaster. */
export interface RaidEvent extends UserNoticeBase {
  type: 'raid';
  /** Viewers who came along (`msg-param-viewerCount`). */
  viewerCount: number | null;
}

/** A raid started from this channel was cancelled (`unraid`). */
export interface UnraidEvent extends UserNoticeBase {
  type: 'unraid';
}

/** `msg-id=raid` → {@link RaidEvent}. */
export function parseRaid(notice: UserNoticeBase): RaidEvent {
  return { type: 'raid', ...notice, viewerCount: intTag(notice.tags, 'msg-param-viewerCount') };
}

/** `msg-id=unraid` → {@link UnraidEvent}. */
export function parseUnraid(notice: UserNoticeBase): UnraidEvent {
  return { type: 'unraid', ...notice };
}
