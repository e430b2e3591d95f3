import type { TargetConnection } from '../../../shared/ipc/channels/server-config';
import type { TargetFolderFiles } from './remote-store';

/** ADS states the confirmation names (ReadState on AMS port 10000). */
export const ADS_STATE_RUN = 5;
export const ADS_STATE_CONFIG = 15;

/** What this page needs of a target's system service, over the route this PC has to it. */
export interface SystemSession {
  files: TargetFolderFiles;
  readState(): Promise<number>;
  /** WriteControl to port 10000: 16 RECONFIG (Config mode), 2 RESET (Run). */
  writeControl(adsState: number): Promise<void>;
  close(): Promise<void>;
}

export type SystemSessionConnector = (target: TargetConnection, signal?: AbortSignal) => Promise<SystemSession>;

export function adsStateName(state: number | null): string {
  if (state === ADS_STATE_RUN) return 'Run';
  if (state === ADS_STATE_CONFIG) return 'Config';
  return state === null ? 'unknown' : `state ${state}`;
}
