import type { LocalRoute } from '../../../shared/domain/route';
import type { VerifiedTarget } from '../ads/transport/ams-channel';
import { verifyDetail, type FlowContext } from './route-flow-context';
import { localRouteRecord } from './route-plan';

/**
 * Saves this PC's route and proves the route with a real ADS request, both at once: the proof needs nothing from this
 * PC's route list, and saving waits for file syncs (in a batch, behind the other routes' saves). The steps still report
 * in their order, the proof's answer after the save, and a save that fails is the target's result even when the proof
 * went through. The verify step's time is the proof's own, from its request to its answer, however long the save took.
 */
export async function saveWhileVerifying(ctx: FlowContext, verify: () => Promise<VerifiedTarget>): Promise<void> {
  const start = performance.now();
  let ended: number | undefined;
  const proving = verify().finally(() => (ended = performance.now()));
  // Reported by the verify step below, or dropped when the save fails first; the flow closes its connection either way.
  proving.catch(() => undefined);
  const route = await localRouteStep(ctx);
  ctx.state.verified = await ctx.steps.run('verify', () => proving, verifyDetail, { start, end: () => ended });
  await recordVerified(ctx, route);
}

/** Records this PC's route (or skips the step when the user asked for none). */
export async function localRouteStep(ctx: FlowContext): Promise<LocalRoute | null> {
  const { deps, steps } = ctx;
  const route = localRouteRecord(ctx.plan, ctx.state.fingerprint, deps.now?.() ?? new Date());
  if (!route) {
    steps.skip('local-route', 'route on this PC: none');
    return null;
  }
  await steps.run(
    'local-route',
    async () => {
      await deps.store.upsert(route);
      // This PC's own TwinCAT gets the route too; its file refusing it does not undo the route.
      return deps.twincat && !route.temporary ? deps.twincat.addRoute(route) : null;
    },
    (twincat) => {
      const saved = route.temporary ? 'kept until the app closes' : `saved as '${route.name}'`;
      return twincat && twincat.outcome !== 'no-twincat' ? `${saved}; ${twincat.detail}` : saved;
    },
  );
  return route;
}

/** After the verify step: the local route is marked verified, and an SSC target's fingerprint is remembered. */
export async function recordVerified(ctx: FlowContext, route: LocalRoute | null): Promise<void> {
  const { deps, plan, state } = ctx;
  const now = deps.now?.() ?? new Date();
  if (route) await deps.store.upsert({ ...route, verifiedAt: now.toISOString() });
  if (plan.settings.security !== 'ssc' || !state.fingerprint || !deps.knownFingerprints) return;
  const { settings } = plan;
  // The route works either way; a fingerprint that cannot be written down is logged, not a failed route.
  try {
    await deps.knownFingerprints.remember({ netId: settings.netId, address: settings.address, fingerprint: state.fingerprint }, now);
  } catch (error) {
    deps.logger.error(`fingerprint of ${settings.netId} not remembered: ${error instanceof Error ? error.message : String(error)}`);
  }
}
