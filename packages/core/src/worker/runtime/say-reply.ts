import type { StreamLog } from '../../ports/stream-log.js';
import type { WorkerSayCommand } from '../../protocol/commands.js';
import { encodePayload } from '../../protocol/envelope.js';
import type { SayReply, SayResult } from '../../protocol/results.js';
import { Streams } from '../../protocol/streams.js';
import type { Sleeper } from '../sleeper.js';

/** Replies are for callers, not a log: keep the newest (the coordinator's cap). */
const REPLY_MAX_LEN = 1_000;
const ATTEMPTS = 3;

/**
 * Appends a say's answer to the caller's reply stream, trying a few times. If it still fails the
 * answer is given up (and `onLost` told): the message went out or was refused already, and
 * executing the command again would only answer `duplicate`.
 */
export async function replySay(
  streams: StreamLog,
  sleeper: Sleeper,
  command: WorkerSayCommand,
  result: SayResult,
  onLost: (err: unknown) => void,
): Promise<void> {
  const reply: SayReply = { type: 'say', requestId: command.requestId, result };
  const entry = encodePayload(reply);
  for (let attempt = 1; ; attempt++) {
    try {
      await streams.append(Streams.replies(command.respondTo), entry, { maxLen: REPLY_MAX_LEN });
      return;
    } catch (err) {
      if (attempt >= ATTEMPTS) {
        onLost(err);
        return;
      }
      await sleeper.sleep(100 * attempt);
    }
  }
}
