import type { EventBus } from '../ipc/event-bus';
import type { LogBook } from './log/logger';

/** What every feature's services get when the app composes them: shared log, event bus, and where to keep files. */
export interface ServiceContext {
  logBook: LogBook;
  events: EventBus;
  /** The app's data folder (client identity, route list, settings). */
  dataDir: string;
  transport: 'electron' | 'web';
  /** Hosts/ranges the Targets view searches on start (set by the demo); null otherwise. */
  startupSearch: { hosts: string[]; ranges: string[] } | null;
}
