import { verifyPlainAds } from '../ads/plain/plain-ads';
import { addRouteOverUdp } from '../ads/udp/udp-add-route';
import { saveWhileVerifying } from './local-route-step';
import type { FlowContext } from './route-flow-context';

/** Plain ADS: the route add over UDP 48899 (login in clear, which the dialog confirms first), then ReadState on TCP 48898. */
export async function plainRouteFlow(ctx: FlowContext): Promise<void> {
  const { plan, deps, steps, ip, local, ports, timeoutMs, signal } = ctx;
  const { settings, credentials } = plan;
  steps.skip('connect', 'plain ADS: the route is added over UDP 48899');
  steps.skip('tls', 'plain ADS has no TLS');
  steps.skip('fingerprint', 'plain ADS has no certificate');
  if (!plan.addRemoteOverUdp || credentials.kind !== 'os') {
    steps.skip('credentials', 'no route is added on the target');
    steps.skip('remote-route', 'remote route: none');
  } else {
    const localAddress = await deps.identity.localAddressFor(ip);
    await steps.run(
      'credentials',
      () =>
        addRouteOverUdp({
          host: ip,
          port: ports.udp,
          routeName: settings.remoteRouteName,
          localNetId: local.netId,
          localAddress,
          user: credentials.user,
          password: credentials.password,
          temporary: settings.remoteRoute === 'temporary',
          timeoutMs,
          signal,
        }),
      () => 'user and password accepted',
    );
    steps.ok(
      'remote-route',
      `${settings.remoteRoute} route '${settings.remoteRouteName}' → ${local.netId} (${localAddress}) added on the target`,
    );
  }
  await saveWhileVerifying(ctx, () =>
    verifyPlainAds({ host: ip, port: ports.ads, targetNetId: settings.netId, localNetId: local.netId, timeoutMs, signal }),
  );
}
