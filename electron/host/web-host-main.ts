import { join } from 'node:path';
import { composeServices } from '../services/compose';
import { defaultDataDir } from '../services/app/data-dir';
import { startWebHost } from './web-host';

/** `npm run web`: the browser host on 127.0.0.1 with a random port and a per-run token. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
  const services = composeServices({ dataDir: process.env.ADS_ROUTE_STUDIO_DATA ?? defaultDataDir(), transport: 'web' });
  const host = await startWebHost({
    dispatcher: services.dispatcher,
    events: services.context.events,
    log: services.context.logBook.logger('web-host'),
    staticDir: join(__dirname, '..', 'renderer'),
    port,
  });
  console.log(`ADS Route Studio: ${host.url}`);
  const stop = async () => {
    await host.close();
    await services.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error(`ADS Route Studio: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
