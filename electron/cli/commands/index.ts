import type { CliCommand } from '../command';
import { decodeCommand } from './decode';
import { discoverCommand } from './discover';

/** Every `adsroute` subcommand; each feature adds its own module here. */
export const commands: CliCommand[] = [decodeCommand, discoverCommand];
