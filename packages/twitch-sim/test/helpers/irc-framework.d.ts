/** The little of irc-framework 4.14 (untyped upstream) that the tests use. */
declare module 'irc-framework' {
  import type { EventEmitter } from 'node:events';

  export interface ConnectOptions {
    host: string;
    port: number;
    nick: string;
    password?: string;
    username?: string;
    gecos?: string;
    auto_reconnect?: boolean;
    ping_interval?: number;
  }

  export interface MessageEvent {
    nick: string;
    ident: string;
    hostname: string;
    target: string;
    message: string;
    tags: Record<string, string>;
  }

  export class Client extends EventEmitter {
    connect(options: ConnectOptions): void;
    requestCap(cap: string | string[]): void;
    join(channel: string): void;
    say(target: string, message: string): void;
    quit(message?: string): void;
    connected: boolean;
    network: { cap: { enabled: string[] } };
  }

  const IRC: { Client: typeof Client };
  export default IRC;
}
