export * from './backend/types.js';
export {
  type BackendClient,
  createPortsBackend,
  PortsBackend,
  type PortsBackendDeps,
  type PortsBackendOptions,
} from './backend/ports-backend.js';
export { ChannelIndex, type IndexedChannel, type IndexQuery } from './backend/channel-index.js';
export { CounterLedger } from './backend/counter-ledger.js';
export { buildWebApp, type WebApp, type WebAppOptions } from './app.js';
export { startWebServer, type WebServer } from './server.js';
export { type WebConfig, type WebConfigInput, twitchAuthSchema, webConfigSchema } from './options.js';
export { ClusterMetrics } from './metrics/cluster-metrics.js';
