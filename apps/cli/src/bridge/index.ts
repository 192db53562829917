export { type BridgeControl, type ConnectedPorts, connectPorts } from './connect.js';
export { type ExposedPorts, exposePorts } from './expose.js';
export {
  type AsyncMethodNames,
  type PortSpec,
  type PortSpecs,
  type PortsOf,
  portSpec,
  WORKER_PORTS,
  type WorkerPorts,
  type WorkerPortSpecs,
} from './spec.js';
