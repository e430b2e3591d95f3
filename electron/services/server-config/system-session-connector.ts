import { TypedError } from '../../../shared/typed-error';
import type { ServiceContext } from '../context';
import type { Logger } from '../log/logger';
import type { SystemSessionConnector } from './system-session';

export interface ConnectorOptions {
  dataDir: string;
  /** This PC's NetId as the target knows it (default: configured, else adapter address + .1.1). */
  localNetId?: string;
  timeoutMs?: number;
  logger?: Logger;
}

/** Reaches a target's system service over the route this PC has to it. */
export function systemSessionConnector(_options: ConnectorOptions): SystemSessionConnector {
  return async () => {
    throw new TypedError('not-available', "reading a target's files over ADS is not available in this build yet");
  };
}

export function defaultSystemSessionConnector(context: ServiceContext): SystemSessionConnector {
  return systemSessionConnector({ dataDir: context.dataDir, logger: context.logBook.logger('server-config') });
}
