import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerifiedTarget } from '../ads/transport/ams-channel';
import { RouteFailure } from '../ads/route-failure';
import { saveWhileVerifying } from './local-route-step';
import type { FlowContext } from './route-flow-context';
import { planRoute } from './route-plan';
import { StepRunner } from './step-runner';
import { addRequest, makeKit, type Kit } from './route-test-kit';

const VERIFIED: VerifiedTarget = { adsState: 5, adsStateName: 'Run', deviceState: 0, deviceName: 'PLC', version: '3.1.4024' };

let kit: Kit;
beforeEach(async () => {
  kit = await makeKit();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await kit.cleanup();
});

function flow(): FlowContext {
  const request = addRequest([{ settings: { address: '127.0.0.9', netId: '127.0.0.9.1.1', security: 'none', routeName: 'LINE-1' } }], {
    kind: 'os',
    user: 'Administrator',
    password: '1',
  });
  const target = request.targets[0]!;
  return {
    plan: planRoute(target, request.credentials),
    deps: kit.deps,
    steps: new StepRunner(target.settings.address, kit.onStep),
    ip: target.settings.address,
    local: { netId: '127.0.0.1.1.1', hostname: 'ENG-PC' },
    ports: { udp: 48899, ads: 48898, tls: 8016 },
    timeoutMs: 1000,
    state: { fingerprint: null, verified: null, cipherSuite: null },
  };
}

/** The store's first save is held until `release` is called; later saves go through. */
function holdFirstSave(): { release: () => void; saving: Promise<void> } {
  const real = kit.store.upsert.bind(kit.store);
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let announce = () => undefined as void;
  const saving = new Promise<void>((resolve) => (announce = resolve));
  let first = true;
  vi.spyOn(kit.store, 'upsert').mockImplementation(async (route) => {
    if (first) {
      first = false;
      announce();
      await gate;
    }
    return real(route);
  });
  return { release, saving };
}

const reported = () => kit.events.filter((e) => e.status !== 'running').map((e) => `${e.step} ${e.status}`);

describe('saveWhileVerifying', () => {
  it('sends the ADS proof while the route is still being saved, and reports the save before the proof', async () => {
    const held = holdFirstSave();
    let proofAsked = false;
    const ctx = flow();
    const done = saveWhileVerifying(ctx, async () => {
      proofAsked = true;
      return VERIFIED;
    });
    await held.saving;
    expect(proofAsked).toBe(true);
    expect(reported()).toEqual([]);
    held.release();
    await done;
    expect(reported()).toEqual(['local-route ok', 'verify ok']);
    expect(ctx.state.verified).toEqual(VERIFIED);
    const saved = (await kit.store.list()).find((r) => r.name === 'LINE-1');
    expect(saved?.verifiedAt).toEqual(expect.any(String));
  });

  it('a save that fails is the result even when the proof went through; the verify step is never reported', async () => {
    vi.spyOn(kit.store, 'upsert').mockRejectedValue(new RouteFailure('internal', 'disk full', null));
    const ctx = flow();
    await expect(saveWhileVerifying(ctx, async () => VERIFIED)).rejects.toMatchObject({ code: 'internal', message: 'disk full' });
    expect(reported()).toEqual(['local-route failed']);
    expect(ctx.state.verified).toBeNull();
  });

  it('a proof that fails before the save ends is reported after it; the route stays listed, not verified', async () => {
    const held = holdFirstSave();
    const ctx = flow();
    const done = saveWhileVerifying(ctx, async () => {
      throw new RouteFailure('verify-failed', 'the target closed the ADS connection', null);
    });
    const outcome = expect(done).rejects.toMatchObject({ code: 'verify-failed' });
    await held.saving;
    held.release();
    await outcome;
    expect(reported()).toEqual(['local-route ok', 'verify failed']);
    const saved = (await kit.store.list()).find((r) => r.name === 'LINE-1');
    expect(saved).toBeDefined();
    expect(saved?.verifiedAt).toBeNull();
  });

  it("the verify step's time is the proof's own, from its request to its answer, not until the save ended", async () => {
    const clock = vi.spyOn(performance, 'now').mockReturnValue(1000);
    const held = holdFirstSave();
    let answer = (_: VerifiedTarget) => undefined as void;
    const ctx = flow();
    const done = saveWhileVerifying(ctx, () => new Promise<VerifiedTarget>((resolve) => (answer = resolve)));
    await held.saving;
    // The target answers at 1040; the save ends only at 1100.
    clock.mockReturnValue(1040);
    answer(VERIFIED);
    // Every promise reaction queued by the answer runs before the next macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    clock.mockReturnValue(1100);
    held.release();
    await done;
    const ms = (step: string) => kit.events.find((e) => e.step === step && e.status === 'ok')?.ms;
    expect(ms('verify')).toBe(40);
    expect(ms('local-route')).toBe(100);
  });
});
