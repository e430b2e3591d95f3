import type { z } from 'zod';
import { appEvents, appRequests } from './channels/app';
import { logEvents, logRequests } from './channels/log';
import { routesEvents, routesRequests } from './channels/routes';
import { secureRequests } from './channels/secure';
import { identityRequests } from './channels/identity';
import { discoveryEvents, discoveryRequests } from './channels/discovery';
import { certificatesEvents, certificatesRequests } from './channels/certificates';
import { knownFingerprintsEvents, knownFingerprintsRequests } from './channels/known-fingerprints';
import { serverConfigRequests } from './channels/server-config';
import { targetRoutesRequests } from './channels/target-routes';
import { twinCatRoutesEvents, twinCatRoutesRequests } from './channels/twincat-routes';

/**
 * The one IPC contract. Each feature keeps its channels in `channels/<feature>.ts` and is merged here;
 * both transports (Electron ipcMain and the browser host's WebSocket) and the renderer derive their types from it.
 */
export const requestChannels = {
  ...appRequests,
  ...logRequests,
  ...routesRequests,
  ...secureRequests,
  ...identityRequests,
  ...discoveryRequests,
  ...certificatesRequests,
  ...knownFingerprintsRequests,
  ...serverConfigRequests,
  ...targetRoutesRequests,
  ...twinCatRoutesRequests,
} as const;

export const eventChannels = {
  ...appEvents,
  ...logEvents,
  ...routesEvents,
  ...discoveryEvents,
  ...certificatesEvents,
  ...knownFingerprintsEvents,
  ...twinCatRoutesEvents,
} as const;

export type RequestChannels = typeof requestChannels;
export type RequestChannel = keyof RequestChannels;
export type RequestOf<C extends RequestChannel> = z.input<RequestChannels[C]['request']>;
export type ParsedRequestOf<C extends RequestChannel> = z.output<RequestChannels[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.output<RequestChannels[C]['response']>;

export type EventChannels = typeof eventChannels;
export type EventChannel = keyof EventChannels;
export type EventOf<C extends EventChannel> = z.output<EventChannels[C]>;

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventChannels, name);
}
