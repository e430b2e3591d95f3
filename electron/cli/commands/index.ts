import type { CliCommand } from '../command';

/** Every `adsroute` subcommand; each feature adds its own module here. */
export const commands: CliCommand[] = [];
