import { test, expect } from '@playwright/test';
import { requireLab } from './fixtures';
import { CLIENT_ADAPTERS, Lab, startSim } from './lab';
import { CLI_BUNDLE } from './lab/sim';
import { decodeUdpMessage, encodeDiscoveryRequest, interpretDiscoveryReply, UDP_SERVICE_PORT } from '../shared/protocol/udp48899';

// Run inside the client namespace: from each lab adapter's own address, one discovery request to 255.255.255.255
// (Linux sends a limited broadcast out of the interface that owns the source address), then the first reply each
// socket gets, as JSON lines. Bounded by a guard; never binds 48899.
const LIMITED_BROADCAST_PROBE = `
const dgram = require('node:dgram');
const [request, port, ...sources] = process.argv.slice(1);
let pending = sources.length;
const guard = setTimeout(() => { console.log(JSON.stringify({ error: 'no reply to ' + pending + ' socket(s)' })); process.exit(2); }, 5000);
for (const source of sources) {
  const s = dgram.createSocket('udp4');
  s.once('message', (m, r) => {
    console.log(JSON.stringify({ via: source, from: r.address, reply: m.toString('hex') }));
    s.close();
    if (--pending === 0) { clearTimeout(guard); process.exit(0); }
  });
  s.bind(0, source, () => { s.setBroadcast(true); s.send(Buffer.from(request, 'hex'), Number(port), '255.255.255.255'); });
}
`;

test('broadcast discovery from the client finds a virtual target on each subnet, each through its own adapter', async () => {
  await requireLab();

  const net = await Lab.create({ targets: [{ subnet: 1 }, { subnet: 2 }] });
  try {
    const sims = [await startSim(net.target(0), ['--name', 'PLC-SUBNET1']), await startSim(net.target(1), ['--name', 'PLC-SUBNET2'])];
    expect(sims.map((s) => s.ready.address)).toEqual([net.target(0).address, net.target(1).address]);

    const found = await net.client.exec(process.execPath, [CLI_BUNDLE, 'discover', '--json', '--timeout', '2000']);
    expect(found.code, found.stderr).toBe(0);
    const systems = (JSON.parse(found.stdout) as unknown[]).map((system) => JSON.stringify(system));
    for (const [name, address] of [
      ['PLC-SUBNET1', net.target(0).address],
      ['PLC-SUBNET2', net.target(1).address],
    ]) {
      expect(
        systems.filter((system) => system.includes(`"${name}"`) && system.includes(`"${address}"`)),
        `${name} at ${address}`,
      ).toHaveLength(1);
    }
  } finally {
    await net.destroy();
  }
});

test("a limited broadcast (255.255.255.255) is answered by the virtual target on that adapter's subnet, from its own address", async () => {
  await requireLab();

  const net = await Lab.create({ targets: [{ subnet: 1 }, { subnet: 2 }] });
  try {
    await startSim(net.target(0), ['--name', 'PLC-LIMITED1']);
    await startSim(net.target(1), ['--name', 'PLC-LIMITED2']);
    const request = Buffer.from(encodeDiscoveryRequest({ netId: `${CLIENT_ADAPTERS[0].address}.1.1` })).toString('hex');
    const sources = CLIENT_ADAPTERS.map((adapter) => adapter.address);
    const probe = await net.client.exec(process.execPath, ['-e', LIMITED_BROADCAST_PROBE, request, String(UDP_SERVICE_PORT), ...sources]);
    expect(probe.code, probe.stdout + probe.stderr).toBe(0);
    const replies = probe.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { via: string; from: string; reply: string });
    const answered = replies.map(({ via, from, reply }) => ({
      via,
      from,
      hostname: interpretDiscoveryReply(decodeUdpMessage(Buffer.from(reply, 'hex'))).hostname,
    }));
    expect(answered.sort((a, b) => a.via.localeCompare(b.via))).toEqual([
      { via: CLIENT_ADAPTERS[0].address, from: net.target(0).address, hostname: 'PLC-LIMITED1' },
      { via: CLIENT_ADAPTERS[1].address, from: net.target(1).address, hostname: 'PLC-LIMITED2' },
    ]);
  } finally {
    await net.destroy();
  }
});
