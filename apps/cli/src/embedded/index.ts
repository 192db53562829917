export {
  type EmbeddedCluster,
  type EmbeddedOptions,
  type EmbeddedStatus,
  startEmbeddedCluster,
} from './cluster.js';
export { type ConnectedCluster, connectCluster } from './connect.js';
export { resolveThreadEntry, type ThreadEntry } from './thread-entry.js';
export { controlHandler } from './control.js';
export { type HealthReport, judgeHealth } from './health.js';
export { type ClusterWeb, startClusterWeb } from './web.js';
