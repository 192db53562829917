import type { ChatEvent, ChatEventType } from '../events/chat-event.js';
import { eventTypesFor, isChatEventType } from '../events/chat-event.js';
import { TmiClusterError } from '../errors/index.js';
import { typesForCommand } from './command-types.js';

/** A handler of one event type; may be async (the batch is acknowledged after it settles). */
export type EventHandler<E> = (event: E) => void | Promise<void>;

/**
 * Called when a handler throws or rejects (`event` is what it was handling), or when the client's
 * own loops hit trouble such as an unreachable stream log (`event` is null).
 */
export type ErrorHandler = (error: unknown, event: ChatEvent | null) => void;

/** Removes the subscription; calling it again does nothing. */
export type Unsubscribe = () => void;

/** A subscription name: an event type, `*` for every event, or `error`. */
export type SubscriptionName = ChatEventType | '*' | 'error';

type AnyHandler = EventHandler<ChatEvent>;

/**
 * The handlers by event name. Answers the consumer's two questions cheaply: does anybody want a
 * line with this IRC command (cached per command until the next (un)subscribe), and which
 * handlers get this event.
 */
export class Subscriptions {
  readonly #byType = new Map<ChatEventType | '*', Set<AnyHandler>>();
  readonly #errors = new Set<ErrorHandler>();
  readonly #wants = new Map<string, boolean>();
  #eventHandlers = 0;
  /** Errors reported while no `error` handler was subscribed (counted, not thrown). */
  unreported = 0;

  /** Number of event handlers (not counting `error` ones). */
  get size(): number {
    return this.#eventHandlers;
  }

  add(name: SubscriptionName, handler: AnyHandler | ErrorHandler): Unsubscribe {
    if (typeof handler !== 'function')
      throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `on("${name}"): the handler must be a function`, {
        field: 'handler',
        rule: 'must be a function',
      });
    if (name === 'error') {
      const onError = handler as ErrorHandler;
      this.#errors.add(onError);
      return () => {
        this.#errors.delete(onError);
      };
    }
    if (name !== '*' && !isChatEventType(name))
      throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `on("${String(name)}"): no such event type`, {
        field: 'type',
        rule: 'must be an event type of ChatEventMap, "*" or "error"',
      });
    const onEvent = handler as AnyHandler;
    let set = this.#byType.get(name);
    if (set === undefined) {
      set = new Set();
      this.#byType.set(name, set);
    }
    if (set.has(onEvent)) return () => {};
    set.add(onEvent);
    this.#eventHandlers++;
    this.#wants.clear();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      if (set.delete(onEvent)) this.#eventHandlers--;
      this.#wants.clear();
    };
  }

  /** True when some handler may want a line with this IRC command (decided before parsing it). */
  wants(command: string): boolean {
    let wanted = this.#wants.get(command);
    if (wanted === undefined) {
      wanted = this.#has('*') || typesForCommand(command).some((t) => this.#has(t));
      this.#wants.set(command, wanted);
    }
    return wanted;
  }

  /** Every handler this event goes to: its type's (and `cheer`'s for a cheer), then `*`'s. */
  handlersFor(event: ChatEvent): AnyHandler[] {
    const out: AnyHandler[] = [];
    for (const type of eventTypesFor(event)) {
      const set = this.#byType.get(type);
      if (set !== undefined) out.push(...set);
    }
    const all = this.#byType.get('*');
    if (all !== undefined) out.push(...all);
    return out;
  }

  /** Hands an error to every `error` handler; one that throws itself is ignored. */
  reportError(error: unknown, event: ChatEvent | null): void {
    if (this.#errors.size === 0) {
      this.unreported++;
      return;
    }
    for (const onError of this.#errors) {
      try {
        onError(error, event);
      } catch {
        // An error handler that fails has nowhere left to report to.
      }
    }
  }

  #has(name: ChatEventType | '*'): boolean {
    return (this.#byType.get(name)?.size ?? 0) > 0;
  }
}
