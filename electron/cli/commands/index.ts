import type { CliCommand } from '../command';
import { decodeCommand } from './decode';

/** Every `adsroute` subcommand; each feature adds its own module here. */
export const commands: CliCommand[] = [decodeCommand];
