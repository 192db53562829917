/** What the supervisor reports about itself and its workers, for logs and status pages. */
export interface SupervisorEvent {
  /** Epoch ms (the supervisor's clock). */
  at: number;
  type: SupervisorEventType;
  /** One human-readable line. */
  message: string;
  workerId?: string;
  data?: Record<string, unknown>;
}

export type SupervisorEventType =
  | 'started'
  | 'scaled'
  | 'spawned'
  | 'ready'
  | 'retiring'
  | 'stopping'
  | 'killed'
  | 'lost'
  | 'exited'
  | 'crashed'
  | 'memory-limit'
  | 'paused'
  | 'continued'
  | 'terminating'
  | 'terminated'
  | 'dead-letter'
  | 'error';

/** Emits an event; the pool and the loop share one, so every event carries the same clock. */
export type Emit = (
  type: SupervisorEventType,
  message: string,
  workerId?: string,
  data?: Record<string, unknown>,
) => void;
