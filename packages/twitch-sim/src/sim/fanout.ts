import type { Channel } from './channel.js';
import type { GroundTruth } from './ground-truth.js';
import type { OutLine } from './out-line.js';
import type { Session } from './session.js';

/**
 * Sends one line to every member of a channel except `except`: counted once as emitted to the
 * channel, then handed to each member, which checks its caps and picks the tagged or bare form.
 */
export function fanOut(
  groundTruth: GroundTruth,
  channel: Channel,
  out: OutLine,
  except: Session | null = null,
): void {
  channel.truth ??= groundTruth.channelRecord(channel.login);
  groundTruth.emittedTo(channel.truth, out);
  for (const member of channel.members) {
    if (member !== except) member.deliver(out);
  }
}
