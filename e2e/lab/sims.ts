import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from './lab';
import type { LabTarget, Subnet } from './namespace';
import { startSim, type SimHandle } from './sim';

/** One virtual target running in a lab namespace, with its own state folder (where its StaticRoutes.xml lives). */
export interface LabSim {
  target: LabTarget;
  handle: SimHandle;
  stateDir: string;
  name: string;
}

/**
 * The virtual targets of one spec: each gets a namespace of its own, a fresh state folder and the spec's login.
 * `stopAll()` (after each test) stops every process by its own handle and removes the folders.
 */
export class LabSims {
  private readonly running: LabSim[] = [];

  constructor(private readonly login: { user: string; password: string }) {}

  /** A new target namespace on `subnet` with a sim named `name`; `args` are further `adsroute sim` flags. */
  async add(lab: Lab, name: string, args: readonly string[] = [], subnet: Subnet = 1): Promise<LabSim> {
    return this.on(await lab.addTarget(subnet), name, args);
  }

  /** A sim in a namespace the spec made itself (e.g. to start a second one on the same address later). */
  async on(target: LabTarget, name: string, args: readonly string[] = []): Promise<LabSim> {
    const stateDir = await mkdtemp(join(tmpdir(), `ars-e2e-${name}-`));
    const handle = await startSim(target, [
      '--name',
      name,
      '--user',
      this.login.user,
      '--password',
      this.login.password,
      '--state',
      stateDir,
      ...args,
    ]).catch(async (error: unknown) => {
      await rm(stateDir, { recursive: true, force: true });
      throw error;
    });
    return this.track({ target, handle, stateDir, name });
  }

  /** Takes a sim the spec started with its own flags under the same cleanup. */
  track(sim: LabSim): LabSim {
    this.running.push(sim);
    return sim;
  }

  async stop(sim: LabSim): Promise<void> {
    const index = this.running.indexOf(sim);
    if (index >= 0) this.running.splice(index, 1);
    await sim.handle.stop();
    await rm(sim.stateDir, { recursive: true, force: true });
  }

  async stopAll(): Promise<void> {
    for (const sim of this.running.splice(0)) {
      await sim.handle.stop();
      await rm(sim.stateDir, { recursive: true, force: true });
    }
  }
}

/** The target's StaticRoutes.xml ('' before it has one): the proof of what reached it. */
export function staticRoutes(sim: LabSim): Promise<string> {
  return readFile(join(sim.stateDir, 'StaticRoutes.xml'), 'utf8').catch(() => '');
}
