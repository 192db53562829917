import type { AddressInfo } from 'node:net';
import { buildWebApp, type WebApp, type WebAppOptions } from './app.js';
import { webConfigSchema } from './options.js';

/** A listening web server. */
export interface WebServer {
  readonly app: WebApp;
  /** `http://host:port` it listens on. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and ends open SSE streams and sessions (idempotent). */
  close(): Promise<void>;
}

/** Builds the app and listens on `config.host`:`config.port` (port 0 picks a free one). */
export async function startWebServer(options: WebAppOptions): Promise<WebServer> {
  const config = webConfigSchema.parse(options.config ?? {});
  const app = await buildWebApp({ ...options, config });
  await app.listen({ host: config.host, port: config.port });
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | null = null;
  return {
    app,
    url: `http://${host}:${port}`,
    port,
    close() {
      // SSE responses are hijacked: close their sockets too, or close() would wait for them.
      closing ??= (async () => {
        const done = app.close();
        app.server.closeAllConnections();
        await done;
      })();
      return closing;
    },
  };
}
