import { join } from 'node:path';
import { runWebHost } from './run-web-host';

/** `npm run web`: the browser host on 127.0.0.1 with a random port and a per-run token. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
  const host = await runWebHost({ staticDir: join(__dirname, '..', 'renderer'), port });
  console.log(`ADS Route Studio: ${host.url}`);
  const stop = async () => {
    await host.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error(`ADS Route Studio: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
