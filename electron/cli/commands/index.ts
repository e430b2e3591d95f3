import type { CliCommand } from '../command';
import { decodeCommand } from './decode';
import { discoverCommand } from './discover';
import { probeCommand } from './probe';
import { addRouteCommand } from './add-route';
import { simCommand } from './sim';
import { knownFingerprintsCommand } from './known-fingerprints';
import { serverConfigCommand } from './server-config';
import { restartCommand } from './restart';
import { certCommand } from './cert';
import { targetRoutesCommand } from './target-routes';

/** Every `adsroute` subcommand; each feature adds its own module here. */
export const commands: CliCommand[] = [
  decodeCommand,
  discoverCommand,
  probeCommand,
  addRouteCommand,
  knownFingerprintsCommand,
  targetRoutesCommand,
  serverConfigCommand,
  restartCommand,
  simCommand,
  certCommand,
];
