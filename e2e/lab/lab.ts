import { ip, ipSync, listNamespaces } from './ip';
import { LabNamespace, LabTarget, ProcessTracker, subnetAddress, subnetBroadcast, type Subnet } from './namespace';
import { forgetOwner, labPrefix, recordOwner, sweepStaleLabs } from './ownership';

export interface LabOptions {
  targets?: ReadonlyArray<{ subnet: Subnet }>;
}

export type LabAvailability = { ok: true } | { ok: false; reason: string };

/** The client PC's two adapters, fixed so specs can name them. */
export const CLIENT_ADAPTERS = [
  { name: 'lab1', subnet: 1, address: subnetAddress(1, 2), netmask: '255.255.255.0', broadcast: subnetBroadcast(1) },
  { name: 'lab2', subnet: 2, address: subnetAddress(2, 2), netmask: '255.255.255.0', broadcast: subnetBroadcast(2) },
] as const;

/** Target host numbers start here so they never collide with the client (.2) on either subnet. */
const FIRST_TARGET_HOST = 10;

let serial = 0;
let swept = false;
let availability: Promise<LabAvailability> | undefined;
const liveLabs = new Set<Lab>();

/**
 * A throw-away network: a switch namespace with one bridge per subnet (10.77.1.0/24, 10.77.2.0/24), a client
 * namespace with adapters lab1/lab2, and target namespaces on either subnet. Only namespaces are created; no link
 * touches the root namespace, so no lab packet can reach a real network.
 */
export class Lab {
  readonly client: LabNamespace;
  private readonly switchNs: LabNamespace;
  private readonly targets: LabTarget[] = [];
  private readonly tracker = new ProcessTracker();
  private destroyed = false;

  private constructor(readonly prefix: string) {
    this.switchNs = new LabNamespace(`${prefix}-sw`, this.tracker);
    this.client = new LabNamespace(`${prefix}-c`, this.tracker);
  }

  /** Whether this process may build labs: root, and the kernel lets it add a namespace. Cached per process. */
  static available(): Promise<LabAvailability> {
    availability ??= probe();
    return availability;
  }

  static async create(options: LabOptions = {}): Promise<Lab> {
    if (!swept) {
      swept = true;
      sweepStaleLabs();
    }
    installExitCleanup();
    const lab = new Lab(labPrefix(process.pid, serial++));
    recordOwner(lab.prefix, process.pid);
    liveLabs.add(lab);
    try {
      await lab.buildCore();
      for (const target of options.targets ?? []) await lab.addTarget(target.subnet);
    } catch (error) {
      await lab.destroy();
      throw error;
    }
    return lab;
  }

  /** Namespaces of this lab, switch and client first. */
  get namespaces(): string[] {
    return [this.switchNs.name, this.client.name, ...this.targets.map((target) => target.name)];
  }

  target(index: number): LabTarget {
    const target = this.targets[index];
    if (!target) throw new RangeError(`lab has no target ${index} (it has ${this.targets.length})`);
    return target;
  }

  get targetCount(): number {
    return this.targets.length;
  }

  async addTarget(subnet: Subnet): Promise<LabTarget> {
    if (this.destroyed) throw new Error('lab is destroyed');
    const index = this.targets.length;
    const target = new LabTarget(`${this.prefix}-t${index}`, this.tracker, index, subnet, subnetAddress(subnet, FIRST_TARGET_HOST + index));
    // Registered before it exists so a half-built target is still deleted by destroy.
    this.targets.push(target);
    await ip(['netns', 'add', target.name]);
    await this.plug(`t${index}`, subnet, target, 'eth0', target.address);
    return target;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.tracker.stopAll();
    const existing = new Set(await listNamespaces().catch(() => this.namespaces));
    for (const name of this.namespaces.reverse())
      if (existing.has(name)) await ip(['netns', 'del', name]).catch(() => ipSync(['netns', 'del', name]));
    forgetOwner(this.prefix);
    liveLabs.delete(this);
  }

  /** Last-resort teardown for exit handlers: no awaiting, no throwing. */
  destroySync(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.tracker.killAllSync();
    for (const name of this.namespaces.reverse()) ipSync(['netns', 'del', name]);
    forgetOwner(this.prefix);
    liveLabs.delete(this);
  }

  private async buildCore(): Promise<void> {
    const sw = this.switchNs.name;
    await ip(['netns', 'add', sw]);
    await ip(['netns', 'add', this.client.name]);
    await ip(['-n', sw, 'link', 'set', 'lo', 'up']);
    await ip(['-n', this.client.name, 'link', 'set', 'lo', 'up']);
    for (const subnet of [1, 2] as const) {
      // Spanning tree off: ports forward at once instead of after the listening/learning delay.
      await ip(['-n', sw, 'link', 'add', 'name', `br${subnet}`, 'type', 'bridge', 'stp_state', '0']);
      await ip(['-n', sw, 'link', 'set', `br${subnet}`, 'up']);
    }
    for (const adapter of CLIENT_ADAPTERS)
      await this.plug(`c${adapter.subnet}`, adapter.subnet, this.client, adapter.name, adapter.address);
  }

  /** A veth from the subnet's bridge to `inner` in `ns`; created straight in the switch so the root namespace never sees it. */
  private async plug(switchPort: string, subnet: Subnet, ns: LabNamespace, inner: string, address: string): Promise<void> {
    const sw = this.switchNs.name;
    await ip(['-n', sw, 'link', 'add', 'name', switchPort, 'type', 'veth', 'peer', 'name', inner, 'netns', ns.name]);
    await ip(['-n', sw, 'link', 'set', switchPort, 'master', `br${subnet}`]);
    await ip(['-n', sw, 'link', 'set', switchPort, 'up']);
    await ip(['-n', ns.name, 'addr', 'add', `${address}/24`, 'broadcast', subnetBroadcast(subnet), 'dev', inner]);
    await ip(['-n', ns.name, 'link', 'set', inner, 'up']);
    await ip(['-n', ns.name, 'link', 'set', 'lo', 'up']);
  }
}

async function probe(): Promise<LabAvailability> {
  if (process.platform !== 'linux')
    return { ok: false, reason: `the network lab needs Linux network namespaces (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'the network lab needs root (ip netns add)' };
  const name = `${labPrefix(process.pid, 9999)}-probe`;
  try {
    await ip(['netns', 'add', name]);
  } catch (error) {
    return { ok: false, reason: `cannot create a network namespace: ${(error as Error).message}` };
  }
  ipSync(['netns', 'del', name]);
  return { ok: true };
}

let cleanupInstalled = false;

/** Labs must not outlive the test process, however it ends (short of SIGKILL, which the startup sweep covers). */
function installExitCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const destroyAll = () => {
    for (const lab of [...liveLabs]) lab.destroySync();
  };
  process.once('exit', destroyAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = () => {
      destroyAll();
      // Alone, our listener would swallow the signal; then restore the default and let it end the process.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}
