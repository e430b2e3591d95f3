import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand } from '../command';
import type { NetworkAdapter } from '../../../shared/domain/network';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { TypedError } from '../../../shared/typed-error';
import { listAdapters } from '../../services/network/adapters';
import { DiscoveryService } from '../../services/discovery/discovery-service';
import { defaultSearchAdapters } from '../../services/discovery/hints';
import type { DiscoveryRequest } from '../../services/discovery/request';
import type { DiscoverySearch, HostError } from '../../services/discovery/search';

const USAGE = `Usage: adsroute discover [--adapter NAME|IP]... [--host H]... [--range CIDR|A-B]... [options]

Finds TwinCAT systems over UDP 48899: a broadcast per adapter, unicast to hosts, or a sweep over address ranges.
Without --adapter, --host or --range it broadcasts on every adapter that is neither loopback nor link-local.

Options:
  --adapter NAME|IP        broadcast on this adapter (repeatable)
  --host NAME|IP           ask this host directly, also across routers (repeatable)
  --range CIDR|A-B         sweep 192.168.1.0/24 or 10.0.0.10-10.0.0.50, 65,536 addresses at most (repeatable)
  --timeout MS             whole search (default 3000; a sweep gets the time it needs)
  --per-host-timeout MS    how long each unicast address gets to answer (default 700)
  --udp-port N             target port (default 48899; for labs and tests)
  --json                   print one JSON array of the systems found
  --stream                 print one JSON line per system as it answers; host errors go to stderr

Exit status: 0 something was found; 1 nothing was found; 2 usage error.`;

/** The fields scripts get, in a fixed order; internal ones (adapters, via) stay out of the contract. */
export interface DiscoverJsonResult {
  hostname: string;
  netId: string;
  address: string;
  adapter: string | null;
  twincat: DiscoveredTarget['twincat'];
  os: DiscoveredTarget['os'];
  fingerprint: string | null;
  secureAds: boolean;
  rttMs: number;
}

export function toJsonResult(t: DiscoveredTarget): DiscoverJsonResult {
  return {
    hostname: t.hostname,
    netId: t.netId,
    address: t.address,
    adapter: t.adapter,
    twincat: t.twincat && { major: t.twincat.major, minor: t.twincat.minor, build: t.twincat.build, text: t.twincat.text },
    os: t.os && { platform: t.os.platform, major: t.os.major, minor: t.os.minor, build: t.os.build, csd: t.os.csd, text: t.os.text },
    fingerprint: t.fingerprint,
    secureAds: t.secureAds,
    rttMs: t.rttMs,
  };
}

export interface DiscoverCommandDeps {
  service?: () => DiscoveryService;
  listAdapters?: () => NetworkAdapter[];
}

const REQUEST_ERRORS = new Set(['invalid-range', 'invalid-host', 'unknown-adapter', 'invalid-request']);

export function createDiscoverCommand(deps: DiscoverCommandDeps = {}): CliCommand {
  const adapters = deps.listAdapters ?? (() => listAdapters({ includeLoopback: true }));
  const makeService = deps.service ?? (() => new DiscoveryService({ listAdapters: adapters }));
  return {
    name: 'discover',
    summary: 'find TwinCAT systems (Broadcast Search, host or range)',
    usage: USAGE,
    async run(argv, io) {
      const { values } = parseArgs({
        args: argv,
        allowPositionals: false,
        strict: true,
        options: {
          adapter: { type: 'string', multiple: true },
          host: { type: 'string', multiple: true },
          range: { type: 'string', multiple: true },
          timeout: { type: 'string' },
          'per-host-timeout': { type: 'string' },
          'udp-port': { type: 'string' },
          json: { type: 'boolean' },
          stream: { type: 'boolean' },
        },
      });
      if (values.json && values.stream) throw new UsageError('choose either --json or --stream');
      const mode = values.json ? 'json' : values.stream ? 'stream' : 'table';
      // Status lines never go to stdout in the JSON modes: scripts parse it.
      const note = mode === 'table' ? io.stdout : io.stderr;

      const request: DiscoveryRequest = {
        adapters: values.adapter ?? [],
        hosts: values.host ?? [],
        ranges: values.range ?? [],
        timeoutMs: optionalInt('--timeout', values.timeout, 10, 3_600_000),
        perHostTimeoutMs: optionalInt('--per-host-timeout', values['per-host-timeout'], 10, 60_000),
        udpPort: optionalInt('--udp-port', values['udp-port'], 1, 65_535),
      };
      if (!request.adapters?.length && !request.hosts?.length && !request.ranges?.length) {
        const chosen = defaultSearchAdapters(adapters());
        request.adapters = chosen.map((a) => a.address);
        note(
          chosen.length
            ? `Searching on ${chosen.map((a) => `${a.name} (${a.address} → ${a.broadcast})`).join(', ')}\n`
            : 'No adapter with a usable IPv4 address (loopback and link-local are skipped).\n',
        );
      }

      let search: DiscoverySearch;
      try {
        search = makeService().search(request);
      } catch (error) {
        if (error instanceof TypedError && REQUEST_ERRORS.has(error.code)) throw new UsageError(error.message);
        throw error;
      }
      void io.interrupted.then(() => search.cancel());

      const hostErrors: HostError[] = [];
      search.on('host-error', (error) => {
        hostErrors.push(error);
        if (mode === 'stream') io.stderr(`${error.host}: ${error.message}\n`);
      });
      if (mode === 'stream') search.on('result', (target) => io.stdout(`${JSON.stringify(toJsonResult(target))}\n`));

      const summary = await search.done;
      const results = search.results();
      if (mode === 'json') io.stdout(`${JSON.stringify(results.map(toJsonResult), null, 2)}\n`);
      if (mode === 'table') {
        if (results.length) io.stdout(`${renderTable(results)}\n`);
        for (const error of hostErrors) io.stdout(`${error.host}: ${error.message}\n`);
        io.stdout(
          `${results.length} system${results.length === 1 ? '' : 's'} found in ${summary.durationMs} ms${summary.cancelled ? ' (cancelled)' : ''}\n`,
        );
      } else if (mode === 'json') {
        for (const error of hostErrors) io.stderr(`${error.host}: ${error.message}\n`);
      }
      if (summary.hint) io.stderr(`${summary.hint}\n`);
      return results.length > 0 ? 0 : 1;
    },
  };
}

export const discoverCommand = createDiscoverCommand();

function optionalInt(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return value;
}

/** Fingerprints are for comparison by eye with the target's "About TwinCAT": the ends are what people check. */
function shortFingerprint(fp: string | null): string {
  return fp ? `${fp.slice(0, 8)}…${fp.slice(-8)}` : '-';
}

function renderTable(results: DiscoveredTarget[]): string {
  const header = ['Host Name', 'Address', 'AMS NetId', 'TwinCAT', 'OS', 'Secure ADS', 'Fingerprint'];
  const rows = results.map((t) => [
    t.hostname,
    t.address,
    t.netId,
    t.twincat?.text ?? '?',
    t.os?.text ?? '?',
    t.secureAds ? '🔒' : '-',
    shortFingerprint(t.fingerprint),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
