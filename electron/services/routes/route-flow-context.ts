import type { VerifiedTarget } from '../ads/transport/ams-channel';
import type { RouteDeps } from './route-deps';
import type { RoutePlan } from './route-plan';
import type { StepRunner } from './step-runner';

/** What a transport's flow gets: the plan, the resolved address, this PC's identity for that target, and the steps. */
export interface FlowContext {
  plan: RoutePlan;
  deps: RouteDeps;
  steps: StepRunner;
  ip: string;
  local: { netId: string; hostname: string };
  ports: { udp: number; ads: number; tls: number };
  timeoutMs: number;
  signal?: AbortSignal;
  state: FlowState;
}

/** Filled in as the flow goes, so a failed target still reports what it learned. */
export interface FlowState {
  fingerprint: string | null;
  verified: VerifiedTarget | null;
  cipherSuite: string | null;
}

export function verifyDetail(v: VerifiedTarget): string {
  return `ReadState: ${v.adsStateName}; device '${v.deviceName}' ${v.version}`;
}
