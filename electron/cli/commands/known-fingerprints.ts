import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand } from '../command';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { defaultDataDir } from '../../services/app/data-dir';
import { KnownFingerprintStore } from '../../services/known-fingerprints/known-fingerprint-store';

const USAGE = `Usage: adsroute known-fingerprints list [--json] [--data-dir DIR]
       adsroute known-fingerprints forget NETID [--data-dir DIR]

The certificate fingerprints of targets this PC has created self-signed (SSC) routes to, one per AMS NetId, like
SSH's known_hosts. A target that later presents another certificate is shown as changed, never as verified.
forget removes a NetId's entry (after a target was reinstalled and you checked its new fingerprint).

Options:
  --data-dir DIR          the data folder holding known-fingerprints.json
  --json                  list as a JSON array of {netId, address, fingerprint, firstSeen, lastSeen}

Exit status: 0 done; 1 forget found no entry for NETID; 2 usage error.`;

export const knownFingerprintsCommand: CliCommand = {
  name: 'known-fingerprints',
  summary: 'list or forget the remembered fingerprints of self-signed targets',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    });
    const [action, netId, ...rest] = positionals;
    const store = new KnownFingerprintStore(values['data-dir'] ?? defaultDataDir());
    if (action === 'list') {
      if (netId !== undefined) throw new UsageError('list takes no further arguments');
      const entries = await store.list();
      if (values.json) {
        io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
        return 0;
      }
      if (entries.length === 0) {
        io.stdout('no known fingerprints\n');
        return 0;
      }
      for (const e of entries) {
        io.stdout(`${e.netId.padEnd(22)} ${e.address.padEnd(16)} ${formatFingerprint(e.fingerprint, 'colons')}\n`);
        io.stdout(`${''.padEnd(22)} first seen ${e.firstSeen}, last seen ${e.lastSeen}\n`);
      }
      return 0;
    }
    if (action === 'forget') {
      if (netId === undefined || rest.length > 0) throw new UsageError('forget takes exactly one NETID');
      if (values.json) throw new UsageError('--json applies to list only');
      const removed = await store.forget(netId);
      if (!removed) {
        io.stderr(`no known fingerprint for ${netId}\n`);
        return 1;
      }
      io.stdout(`forgot the fingerprint of ${netId}\n`);
      return 0;
    }
    throw new UsageError('give list or forget');
  },
};
