import type { AssignmentStore, ChannelManager, ChannelStore } from '@tmi-cluster/core';
import { stateOf } from './channel-sync.js';
import type {
  ChannelAuthorization,
  ChannelDetail,
  ChannelHistoryEntry,
  ChannelManagerKind,
} from './types.js';

export interface ChannelDetailDeps {
  store: AssignmentStore;
  channels: ChannelManager;
  channelStore: ChannelStore | null;
  managerKind: ChannelManagerKind;
}

const HISTORY = 50;

/**
 * One channel read straight from the store (not the index, which may be a scan behind): where it
 * is placed, its authorization row and history when the Database manager's store is at hand.
 * Null when the cluster neither wants it nor has a record of it.
 */
export async function channelDetail(login: string, deps: ChannelDetailDeps): Promise<ChannelDetail | null> {
  const [assignments, record, history, authorized] = await Promise.all([
    deps.store.get([login]),
    deps.channelStore === null ? null : findRecord(deps.channelStore, login),
    deps.channelStore === null ? [] : deps.channelStore.events({ channel: login, limit: HISTORY }),
    deps.managerKind === 'dummy' ? true : deps.channels.authorized([login]).then((set) => set.has(login)),
  ]);
  const assignment = assignments[0];
  if (assignment === undefined && record === null && history.length === 0) return null;
  const authorization: ChannelAuthorization | null =
    record === null
      ? null
      : {
          authorized: !record.revoked && record.authorizedAt !== null,
          revoked: record.revoked,
          reconnect: record.reconnect,
          authorizedAt: record.authorizedAt,
          acknowledgedAt: record.acknowledgedAt,
        };
  const entries: ChannelHistoryEntry[] = history.map((e) => ({
    kind: e.kind,
    reason: e.reason,
    workerId: e.workerId,
    at: e.at,
  }));
  if (assignment === undefined)
    return {
      login,
      state: 'parted',
      workerId: null,
      connectionId: null,
      confirmedSince: null,
      failure: null,
      authorized,
      authorization,
      history: entries,
    };
  const s = stateOf(assignment);
  return {
    login,
    state: s.state,
    workerId: s.workerId,
    // Placements do not name the connection; workers keep that to themselves so far.
    connectionId: null,
    confirmedSince: s.state === 'confirmed' ? s.since : null,
    failure: s.failure,
    authorized,
    authorization,
    history: entries,
  };
}

async function findRecord(store: ChannelStore, login: string) {
  const rows = await store.list({ search: login, limit: 1_000 });
  return rows.find((r) => r.login === login) ?? null;
}
