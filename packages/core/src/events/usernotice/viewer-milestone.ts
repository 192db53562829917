import { intTag, textTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';

/** A viewer shares a milestone such as a watch streak (`viewermilestone`). */
export interface ViewerMilestoneEvent extends UserNoticeBase {
  type: 'viewermilestone';
  /** `msg-param-category`, e.g. `watch-streak`. */
  category: string | null;
  /** The milestone's number, e.g. consecutive streams watched (`msg-param-value`). */
  value: number | null;
  /** Channel points awarded (`msg-param-copoReward`), or null. */
  reward: number | null;
  /** `msg-param-id`, or null. */
  milestoneId: string | null;
}

/** `msg-id=viewermilestone` → {@link ViewerMilestoneEvent}. */
export function parseViewerMilestone(notice: UserNoticeBase): ViewerMilestoneEvent {
  const tags = notice.tags;
  return {
    type: 'viewermilestone',
    ...notice,
    category: textTag(tags, 'msg-param-category'),
    value: intTag(tags, 'msg-param-value'),
    reward: intTag(tags, 'msg-param-copoReward'),
    milestoneId: textTag(tags, 'msg-param-id'),
  };
}
