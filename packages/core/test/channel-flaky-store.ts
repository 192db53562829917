import { TmiClusterError } from '../src/errors/index.js';
import { MemoryChannelStore } from '../src/memory/memory-channel-store.js';
import type { ChannelStore } from '../src/ports/channel-store.js';

/** A MemoryChannelStore whose every method fails while `down`, as SqlChannelStore does when its database went away. */
export function flakyChannelStore(): {
  store: ChannelStore;
  inner: MemoryChannelStore;
  down: boolean;
  calls: number;
} {
  const inner = new MemoryChannelStore();
  const state = { store: inner as ChannelStore, inner, down: false, calls: 0 };
  state.store = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        state.calls++;
        if (state.down)
          return Promise.reject(
            new TmiClusterError('TMI_ERR_DATABASE', 'postgres list failed: connection terminated'),
          );
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return state;
}
