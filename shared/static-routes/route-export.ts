import type { LocalRoute } from '../domain/route';
import { renderRoute, type NewRoute } from './static-routes';

/** Where this PC is reached from the target: what a route on the target back to us needs. */
export interface ThisPc {
  netId: string;
  address: string;
  hostname: string;
}

export interface RouteExport {
  /** The `<Route>` entry for a StaticRoutes.xml, to go inside `<RemoteConnections>`. */
  fragment: string;
  /** Beckhoff's `adstool` (ADS library): adds the route back to this PC on the target, over UDP 48899. */
  adstool: string;
  /** pyads: the route in this PC's ADS router, and the route back to this PC on the target. */
  pyads: string;
  /** adstool and pyads add plain ADS routes only; for a Secure ADS route they are not the same route. */
  plainOnly: boolean;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * The StaticRoutes.xml entry for one of this PC's routes, as far as its layout is public: plain TCP_IP routes as
 * TwinCAT writes them (Flags 32 for an IPv4 address, what public samples show; none for a host name, whose value is
 * not known), Secure ADS routes with an empty `<Tls>` because what TwinCAT puts in it is not public.
 */
export function staticRouteFor(route: LocalRoute): NewRoute {
  const entry: NewRoute = { name: route.name, address: route.address, netId: route.netId };
  if (route.unidirectional) entry.unidirectional = true;
  if (route.tls) entry.secure = true;
  else if (route.flags !== null) entry.flags = route.flags;
  else if (IPV4.test(route.address)) entry.flags = 32;
  return entry;
}

/** The `<Route>` element on its own, indented from column 0. */
export function routeFragment(route: LocalRoute): string {
  const [first, ...rest] = renderRoute(staticRouteFor(route)).split('\n');
  return [first, ...rest.map((line) => line.replace(/^ {4}/, ''))].join('\n');
}

/**
 * Everything a PC without TwinCAT needs to set the route up elsewhere. Passwords never appear: the shell line reads
 * ADS_PASSWORD, the Python asks with getpass.
 */
export function routeExport(route: LocalRoute, thisPc: ThisPc): RouteExport {
  const routeName = thisPc.hostname.slice(0, 31) || thisPc.address;
  const adstool = [
    'read -rs ADS_PASSWORD  # the login of the target',
    `adstool ${shellWord(route.address)} addroute --addr=${shellWord(thisPc.address)} --netid=${thisPc.netId} --password="$ADS_PASSWORD" --username=Administrator --routename=${shellWord(routeName)}`,
  ].join('\n');
  const pyads = [
    'import getpass',
    'import pyads',
    '',
    `pyads.open_port()`,
    `pyads.set_local_address(${py(thisPc.netId)})`,
    `# this PC's route to the target (ADS library router, Linux/macOS)`,
    `pyads.add_route(${py(route.netId)}, ${py(route.address)})`,
    `# the target's route back to this PC (UDP 48899, with the target's login)`,
    `pyads.add_route_to_plc(${py(thisPc.netId)}, ${py(thisPc.address)}, ${py(route.address)}, "Administrator", getpass.getpass(), route_name=${py(routeName)})`,
    'pyads.close_port()',
  ].join('\n');
  return { fragment: routeFragment(route), adstool, pyads, plainOnly: route.tls !== null };
}

function shellWord(text: string): string {
  return /^[\w.:-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function py(text: string): string {
  return JSON.stringify(text);
}
