import { getContext, setContext } from 'svelte';
import type { ClusterLive } from './cluster-live.js';

const KEY = Symbol('cluster-live');

/** The shell's live connection, shared with every view below it. */
export function provideLive(live: ClusterLive): void {
  setContext(KEY, live);
}

export function useLive(): ClusterLive {
  const live = getContext<ClusterLive | undefined>(KEY);
  if (live === undefined) throw new Error('useLive() outside the dashboard shell');
  return live;
}
