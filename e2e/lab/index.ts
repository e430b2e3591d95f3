export { CLIENT_ADAPTERS, Lab, type LabAvailability, type LabOptions } from './lab';
export { LabNamespace, LabTarget, type ExecOptions, type ExecResult, type Subnet } from './namespace';
export { LabCommandError } from './ip';
export { startSim, type SimHandle, type SimReady } from './sim';
export { LabSims, staticRoutes, type LabSim } from './sims';
