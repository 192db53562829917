export { AutoScaler, type ScaleAction, type ScalerSupervisor } from './auto-scaler.js';
export { type ScalerConfig, resolveScalerConfig, scalerConfigSchema } from './config.js';
export { decideScale, type ScaleDecision, type ScaleInput, type SupervisorScaleState } from './decide.js';
export { initialTarget, usage, workersFor } from './usage.js';
