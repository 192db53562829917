import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { requireChannel } from './tag-values.js';

/**
 * Legacy: the channel started or stopped hosting another (HOSTTARGET). Twitch removed host mode
 * on 2022-10-03; kept so old recordings replay as typed events.
 */
export interface HostTargetEvent extends EventBase {
  type: 'hosttarget';
  channel: string;
  /** The hosted channel's login; null when hosting stopped (`-`). */
  targetLogin: string | null;
  viewerCount: number | null;
}

/** HOSTTARGET (`#host :target viewers` or `#host :- 0`) → {@link HostTargetEvent}. */
export function parseHostTarget(msg: IrcMessage, base: EventBase): HostTargetEvent {
  const channel = requireChannel(msg);
  const [target = '', viewers = ''] = (msg.params[1] ?? '').split(' ');
  return {
    type: 'hosttarget',
    ...base,
    channel,
    targetLogin: target === '' || target === '-' ? null : target,
    viewerCount: /^\d{1,9}$/.test(viewers) ? Number(viewers) : null,
  };
}
