import type { RoutePersistence, RouteSecurity, RouteSettings } from '../../../shared/domain/route';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { isIpv4 } from '../../../shared/domain/ipv4';
import { TLS_CONNECT_INFO_MAX_HOSTNAME } from '../../../shared/protocol/tls-connect-info';
import type { TFunction } from 'i18next';
import { i18n } from '../../i18n';

export type SecureMethod = Exclude<RouteSecurity, 'none'>;
export type AddressKind = 'ip' | 'hostname';

/** One selected target as the form edits it; `ip` and `hostname` stay as discovered so the radio can switch back. */
export interface TargetEntry {
  key: string;
  hostname: string;
  ip: string;
  routeName: string;
  netId: string;
  secureAds: boolean;
  /** From the unauthenticated discovery reply: shown next to the live one, never trusted. */
  discoveryFingerprint: string | null;
}

/** The lower half of the XAE dialog: one form covers every selected target. */
export interface RouteForm {
  targets: TargetEntry[];
  /** Only offered for a single target: a NAT alias must be unique per target. */
  virtualNetId: string;
  addressKind: AddressKind;
  timeoutSeconds: string;
  targetRoute: RoutePersistence;
  remoteRoute: RoutePersistence;
  remoteRouteName: string;
  unidirectional: boolean;
  secure: boolean;
  method: SecureMethod;
  /** Old targets only: 1024-bit RSA keys and non-standard DH groups are accepted. */
  legacyCrypto: boolean;
}

export function initialForm(targets: readonly DiscoveredTarget[], localHostname: string): RouteForm {
  // One target without Secure ADS must not turn it off for the others: it is left out or confirmed for plain ADS.
  const anySecure = targets.some((target) => target.secureAds);
  return {
    targets: targets.map((target) => ({
      key: `${target.netId}@${target.address}`,
      hostname: target.hostname,
      ip: target.address,
      routeName: target.hostname,
      netId: target.netId,
      secureAds: target.secureAds,
      discoveryFingerprint: target.fingerprint,
    })),
    virtualNetId: '',
    addressKind: 'ip',
    timeoutSeconds: '5',
    targetRoute: 'static',
    remoteRoute: 'static',
    remoteRouteName: localHostname,
    unidirectional: false,
    secure: anySecure,
    method: 'ssc',
    legacyCrypto: false,
  };
}

/** The address the services connect to and that identifies the target's row in the progress events. */
export function addressOf(entry: TargetEntry, kind: AddressKind): string {
  return (kind === 'hostname' && entry.hostname ? entry.hostname : entry.ip).trim();
}

export function securityOf(form: Pick<RouteForm, 'secure' | 'method'>): RouteSecurity {
  return form.secure ? form.method : 'none';
}

const NET_ID = /^(\d{1,3})(\.\d{1,3}){5}$/;
// Route names end up as XML element text and in TwinCAT's own route list: keep to what every TwinCAT UI shows.
const NAME_CHARACTERS = /^[A-Za-z0-9 ._-]+$/;

/** Validation messages in the user's language; without one given, English (what the unit tests read). */
export type ValidationText = TFunction<'addRoute'>;
const english: ValidationText = i18n.getFixedT('en', 'addRoute');

export function netIdError(text: string, t: ValidationText = english): string | undefined {
  const value = text.trim();
  if (!NET_ID.test(value) || value.split('.').some((part) => Number(part) > 255)) return t('validation.netId');
  return undefined;
}

export function nameError(text: string, t: ValidationText = english): string | undefined {
  if (text.length === 0) return t('validation.nameEmpty');
  if (text.length > 63) return t('validation.nameLong', { length: text.length });
  if (!NAME_CHARACTERS.test(text)) return t('validation.nameCharacters');
  if (text.trim() !== text) return t('validation.nameSpaces');
  return undefined;
}

export function addressError(
  entry: Pick<TargetEntry, 'hostname' | 'ip'>,
  kind: AddressKind,
  t: ValidationText = english,
): string | undefined {
  if (kind === 'hostname') return entry.hostname.trim() === '' ? t('validation.hostnameEmpty') : undefined;
  // No leading zeros: the OS resolver reads 010.77.1.10 as octal, another host entirely.
  if (!isIpv4(entry.ip.trim())) return t('validation.ip');
  return undefined;
}

export function timeoutError(text: string, t: ValidationText = english): string | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > 600) return t('validation.timeout');
  return undefined;
}

export interface FormErrors {
  /** Per target key: its route name, NetId and address. */
  targets: Record<string, { routeName?: string; netId?: string; address?: string }>;
  virtualNetId?: string;
  timeoutSeconds?: string;
  remoteRoute?: string;
  remoteRouteName?: string;
}

export function validateForm(form: RouteForm, t: ValidationText = english): FormErrors {
  const errors: FormErrors = { targets: {} };
  const names = new Set<string>();
  for (const entry of form.targets) {
    let routeName = nameError(entry.routeName, t);
    const lower = entry.routeName.toLowerCase();
    // The local route list is keyed by name: two targets with one name would overwrite each other.
    if (!routeName && names.has(lower)) routeName = t('validation.duplicateName');
    names.add(lower);
    const netId = netIdError(entry.netId, t);
    const address = addressError(entry, form.addressKind, t);
    if (routeName || netId || address)
      errors.targets[entry.key] = { ...(routeName && { routeName }), ...(netId && { netId }), ...(address && { address }) };
  }
  if (form.virtualNetId.trim() !== '') {
    const virtualNetId = netIdError(form.virtualNetId, t);
    if (virtualNetId) errors.virtualNetId = virtualNetId;
  }
  const timeout = timeoutError(form.timeoutSeconds, t);
  if (timeout) errors.timeoutSeconds = timeout;
  const ssc = securityOf(form) === 'ssc';
  let remote = form.remoteRoute === 'none' ? undefined : nameError(form.remoteRouteName, t);
  // The SSC route add carries this PC's name in the TlsConnectInfo, whose field holds 31 characters.
  if (!remote && ssc && form.remoteRoute !== 'none' && form.remoteRouteName.length > TLS_CONNECT_INFO_MAX_HOSTNAME)
    remote = t('validation.remoteNameSecure', { max: TLS_CONNECT_INFO_MAX_HOSTNAME, length: form.remoteRouteName.length });
  if (remote) errors.remoteRouteName = remote;
  // TlsConnectInfo has no temporary flag: the target would store a static route.
  if (ssc && form.remoteRoute === 'temporary') errors.remoteRoute = t('validation.secureTemporary');
  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return (
    Object.keys(errors.targets).length > 0 ||
    Boolean(errors.virtualNetId || errors.timeoutSeconds || errors.remoteRoute || errors.remoteRouteName)
  );
}

/** How one target is secured: the chosen method where it offers Secure ADS, plain ADS otherwise (or when off). */
export function targetSecurity(form: Pick<RouteForm, 'secure' | 'method'>, entry: Pick<TargetEntry, 'secureAds'>): RouteSecurity {
  return form.secure && entry.secureAds ? form.method : 'none';
}

/**
 * The targets a Secure ADS batch would send without encryption: those that do not offer Secure ADS. Empty when the
 * user turned Secure ADS off for the whole batch (then the login step says the login travels unencrypted).
 */
export function targetsWithoutSecure(form: Pick<RouteForm, 'secure' | 'targets'>): TargetEntry[] {
  return form.secure ? form.targets.filter((entry) => !entry.secureAds) : [];
}

/**
 * What `routes:add` gets for each target; call only on a form without errors. In a Secure ADS batch a target without
 * Secure ADS is left out unless its key is in `plainConfirmed`.
 */
export function settingsFor(form: RouteForm, plainConfirmed: ReadonlySet<string> = new Set()): RouteSettings[] {
  const single = form.targets.length === 1;
  const included = form.targets.filter((entry) => !form.secure || entry.secureAds || plainConfirmed.has(entry.key));
  return included.map((entry) => ({
    routeName: entry.routeName,
    netId: entry.netId.trim(),
    virtualNetId: single && form.virtualNetId.trim() !== '' ? form.virtualNetId.trim() : null,
    transport: 'TCP_IP',
    address: addressOf(entry, form.addressKind),
    addressKind: form.addressKind,
    connectionTimeoutMs: Number(form.timeoutSeconds.trim()) * 1000,
    targetRoute: form.targetRoute,
    remoteRoute: form.remoteRoute,
    // The service needs a name even when no remote entry is written; this PC's name is the honest one.
    remoteRouteName: form.remoteRouteName || entry.routeName,
    unidirectional: form.unidirectional,
    security: targetSecurity(form, entry),
    legacyCrypto: form.secure && form.legacyCrypto,
  }));
}
