import {
  ADD_ROUTE_WRONG_CREDENTIALS,
  encodeAddRouteRequest,
  interpretAddRouteReply,
  UdpService,
} from '../../../../shared/protocol/udp48899';
import { ProtocolError } from '../../../../shared/protocol/errors';
import { RouteFailure } from '../route-failure';
import { udpExchange } from './udp-exchange';

export interface UdpAddRouteOptions {
  host: string;
  port?: number;
  /** Name of this PC's entry on the target. */
  routeName: string;
  /** This PC's NetId and the address under which the target should reach it. */
  localNetId: string;
  localAddress: string;
  user: string;
  password: string;
  temporary: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Plain ADS route add (UDP 48899 service 6); resolves with the target's NetId from the reply header. */
export async function addRouteOverUdp(options: UdpAddRouteOptions): Promise<{ targetNetId: string }> {
  let payload: Uint8Array;
  try {
    payload = encodeAddRouteRequest({
      senderNetId: options.localNetId,
      routeName: options.routeName,
      netId: options.localNetId,
      user: options.user,
      password: options.password,
      address: options.localAddress,
      temporary: options.temporary,
    });
  } catch (error) {
    const why = error instanceof ProtocolError ? error.message : 'cannot be encoded';
    throw new RouteFailure('invalid-input', `the add-route request cannot be built: ${why}`, 'check route name, user name and password');
  }
  const reply = await udpExchange({
    host: options.host,
    port: options.port,
    payload,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    accept: (m) => m.response && m.service === UdpService.AddRoute,
  });
  let status: { status: number; statusText: string };
  try {
    status = interpretAddRouteReply(reply);
  } catch (error) {
    throw new RouteFailure('internal', `the add-route reply is malformed: ${(error as Error).message}`, null);
  }
  if (status.status === ADD_ROUTE_WRONG_CREDENTIALS) {
    throw new RouteFailure(
      'auth-failed',
      'the target refused the route: wrong user name or password',
      'user name or password wrong: use an OS account of the target (CX default Administrator / 1)',
    );
  }
  if (status.status !== 0) {
    throw new RouteFailure(
      'internal',
      `the target refused the route: ${status.statusText}`,
      "check the route name and this PC's NetId; see the TwinCAT log on the target",
    );
  }
  return { targetNetId: reply.netId };
}
