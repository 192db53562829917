import { describe, expect, it } from 'vitest';
import { CounterLedger } from '../src/backend/counter-ledger.js';

const w = (id: string, startedAt: number, data: Record<string, unknown>) => ({ id, startedAt, data });

describe('CounterLedger', () => {
  it('sums live workers and carries what a dead or restarted worker had counted', () => {
    const ledger = new CounterLedger();
    ledger.update([w('a', 1, { messagesIn: 10 }), w('b', 1, { messagesIn: 5, reconnects: 1 })]);
    expect(ledger.totals()).toEqual({ messagesIn: 15, reconnects: 1 });
    // b restarts under the same id (new startedAt, counters from 0); a dies.
    ledger.update([w('b', 2, { messagesIn: 2, reconnects: 0 })]);
    expect(ledger.totals()).toEqual({ messagesIn: 17, reconnects: 1 });
    // A counter that goes backwards without a new startedAt is a new run too.
    ledger.update([w('b', 2, { messagesIn: 1, reconnects: 0 })]);
    expect(ledger.totals().messagesIn).toBe(18);
    ledger.update([w('b', 2, { messagesIn: 4, reconnects: 3 })]);
    expect(ledger.totals()).toEqual({ messagesIn: 21, reconnects: 4 });
  });

  it('ignores what is not a finite non-negative number and reports only counters someone sent', () => {
    const ledger = new CounterLedger();
    ledger.update([w('a', 1, { messagesIn: 'lots', messagesOut: -1, gaps: Number.NaN, eventsDropped: 3 })]);
    expect(ledger.totals()).toEqual({ eventsDropped: 3 });
    ledger.update([]);
    expect(ledger.totals()).toEqual({ eventsDropped: 3 });
  });
});
