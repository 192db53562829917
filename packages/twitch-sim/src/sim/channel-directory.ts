import type { AccountTable } from './accounts.js';
import { Channel, type ChannelInput, type ChannelState, type RoomState } from './channel.js';

/** A channel as the control API shows it. */
export interface ChannelInfo {
  login: string;
  roomId: string;
  state: ChannelState;
  banned: string[];
  moderators: string[];
  vips: string[];
  roomState: RoomState;
  /** Connections joined right now. */
  connections: number;
  /** Distinct logged-in users joined right now. */
  users: number;
}

/** Side effects the sim attaches to directory changes (PARTs, USERSTATE, ROOMSTATE lines). */
export interface DirectoryHooks {
  banned(channel: Channel, login: string): void;
  roleChanged(channel: Channel, login: string): void;
  roomStateChanged(channel: Channel, changed: Partial<RoomState>): void;
}

const LOGIN = /^[a-z0-9_]{1,25}$/;

/**
 * The sim's channels: which exist, their state, bans and roles. Changes made while users are in a
 * channel act on them as on Twitch: a ban PARTs the user, a new role sends a fresh USERSTATE, a
 * room mode change sends a ROOMSTATE with the changed keys.
 */
export class ChannelDirectory {
  readonly #byLogin = new Map<string, Channel>();
  #nextRoomId = 200_000_000;
  /** Cached for the traffic generator, which may ask on every line; reset when a channel is added. */
  #refs: readonly { login: string; roomId: string }[] | null = null;

  constructor(
    private readonly accounts: AccountTable,
    private readonly hooks: DirectoryHooks,
  ) {}

  /** Adds a channel, or updates the given fields of an existing one. */
  add(input: ChannelInput): ChannelInfo {
    const login = input.login.toLowerCase();
    if (!LOGIN.test(login)) throw new TypeError(`invalid channel login "${input.login}"`);
    const existing = this.#byLogin.get(login);
    if (existing) {
      if (input.state) existing.state = input.state;
      for (const u of input.banned ?? []) existing.banned.add(u.toLowerCase());
      for (const u of input.moderators ?? []) existing.moderators.add(u.toLowerCase());
      for (const u of input.vips ?? []) existing.vips.add(u.toLowerCase());
      return this.#info(existing);
    }
    const roomId = input.roomId ?? this.accounts.byLogin(login)?.userId ?? String(this.#nextRoomId++);
    const channel = new Channel(login, roomId, input);
    this.#byLogin.set(login, channel);
    this.#refs = null;
    return this.#info(channel);
  }

  /** @internal The live channel object (used by the server; tests should use {@link info}). */
  get(login: string): Channel | undefined {
    return this.#byLogin.get(login);
  }

  /** @internal Creates a channel for `createChannelsOnJoin`. */
  create(login: string): Channel {
    this.add({ login });
    return this.#byLogin.get(login)!;
  }

  has(login: string): boolean {
    return this.#byLogin.has(strip(login));
  }

  info(login: string): ChannelInfo | undefined {
    const channel = this.#byLogin.get(strip(login));
    return channel && this.#info(channel);
  }

  list(): ChannelInfo[] {
    return Array.from(this.#byLogin.values(), (c) => this.#info(c));
  }

  /** Every channel's login and room id (a shared, frozen array). */
  refs(): readonly { login: string; roomId: string }[] {
    this.#refs ??= Object.freeze(
      Array.from(this.#byLogin.values(), (c) => Object.freeze({ login: c.login, roomId: c.roomId })),
    );
    return this.#refs;
  }

  get size(): number {
    return this.#byLogin.size;
  }

  /** Later JOINs get msg_channel_suspended; users already inside stay. */
  suspend(login: string): void {
    this.#must(login).state = 'suspended';
  }

  unsuspend(login: string): void {
    this.#must(login).state = 'active';
  }

  /** Bans a user: later JOINs get msg_banned, and connections inside get a PART. */
  ban(channel: string, user: string): void {
    const c = this.#must(channel);
    const login = user.toLowerCase();
    c.banned.add(login);
    this.hooks.banned(c, login);
  }

  unban(channel: string, user: string): void {
    this.#must(channel).banned.delete(user.toLowerCase());
  }

  setModerator(channel: string, user: string, on = true): void {
    const c = this.#must(channel);
    const login = user.toLowerCase();
    if (on) c.moderators.add(login);
    else c.moderators.delete(login);
    this.hooks.roleChanged(c, login);
  }

  setVip(channel: string, user: string, on = true): void {
    const c = this.#must(channel);
    const login = user.toLowerCase();
    if (on) c.vips.add(login);
    else c.vips.delete(login);
    this.hooks.roleChanged(c, login);
  }

  /** Changes room modes and tells the members (ROOMSTATE with the changed keys only). */
  roomState(channel: string, changes: Partial<RoomState>): void {
    const c = this.#must(channel);
    Object.assign(c.roomState, changes);
    this.hooks.roomStateChanged(c, changes);
  }

  #must(login: string): Channel {
    const channel = this.#byLogin.get(strip(login));
    if (!channel) throw new Error(`twitch-sim: no channel "${login}"`);
    return channel;
  }

  #info(c: Channel): ChannelInfo {
    return {
      login: c.login,
      roomId: c.roomId,
      state: c.state,
      banned: [...c.banned],
      moderators: [...c.moderators],
      vips: [...c.vips],
      roomState: { ...c.roomState },
      connections: c.members.size,
      users: c.loginCounts.size,
    };
  }
}

function strip(login: string): string {
  return (login.startsWith('#') ? login.slice(1) : login).toLowerCase();
}
