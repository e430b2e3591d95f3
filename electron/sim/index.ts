export { DEFAULT_SIM_ADDRESS, defaultNetIdFor, resolveTargetConfig, SimConfigError, virtualTargetInputSchema } from './config';
export type { PskIdentity, SimCaConfig, SimPorts, SimQuirks, VirtualTargetConfig, VirtualTargetInput } from './config';
export { OS_PRESETS, OS_WITH_BUILD, SIM_OS_NAMES, isSimOs, osBlobFields, type SimOs } from './os-presets';
export type { SimRoute, SimRouteTlsMode } from './route-table';
export { NO_SERVICE_TIME, type ServiceTime } from './service-time';
export type { SimLogEntry, SimLogKind } from './sim-log';
export { SimStateError, STATIC_ROUTES_FILE, TC_REGISTRY_FILE, TC_SELF_SIGNED_FILE } from './state-files';
export { startVirtualTarget, startVirtualTargets, type StartOptions, type VirtualTarget } from './virtual-target';
