import { join } from 'node:path';
import type { PartialHandlers } from '../../ipc/handlers';
import type { ServiceContext } from '../context';
import { LogFile } from './log-file';

/** The log survives restarts in `<data>/logs`, bounded and rotated; the Log view reads, follows and clears it. */
export function logFeature(context: ServiceContext): { handlers: PartialHandlers } {
  context.logBook.persistTo(new LogFile(join(context.dataDir, 'logs')));
  return {
    handlers: {
      'log:recent': () => context.logBook.recent(),
      'log:clear': () => {
        context.logBook.clear();
        context.events.emit('log:cleared', {});
        return { cleared: true as const };
      },
    },
  };
}
