import { readFile } from 'node:fs/promises';
import { TypedError } from '../../../shared/typed-error';
import type { TargetConnection } from '../../../shared/ipc/channels/server-config';
import { sameBytes } from '../../../shared/static-routes/xml-bytes';
import type { Logger } from '../log/logger';
import { ADS_STATE_CONFIG, ADS_STATE_RUN, adsStateName } from './system-session';
import { toServerError, type ServerConfigService } from './server-config-service';

/** ADS WriteControl states: 16 RECONFIG restarts into Config mode, 2 RESET into Run. */
const RECONFIG = 16;
const RESET = 2;

export interface StateResult {
  place: string;
  ok: boolean;
  adsState: number | null;
  error: ReturnType<typeof toServerError> | null;
}

/**
 * Restarts TwinCAT into Config or Run and reads the state back over a fresh connection: the router re-initialises,
 * so the old connection may not survive it.
 */
export async function restartTarget(
  service: ServerConfigService,
  target: TargetConnection,
  mode: 'config' | 'run',
  logger: Logger,
): Promise<StateResult> {
  const place = service.placeName({ kind: 'target', target });
  const wanted = mode === 'config' ? ADS_STATE_CONFIG : ADS_STATE_RUN;
  try {
    const before = await service.withSession(target, async (session) => {
      const state = await session.readState();
      await session.writeControl(mode === 'config' ? RECONFIG : RESET);
      return state;
    });
    const after = await service.withSession(target, (session) => session.readState());
    logger.info(`${place}: restarted from ${adsStateName(before)} to ${adsStateName(after)}`);
    if (after !== wanted)
      throw new TypedError('restart-failed', `${place} is in ${adsStateName(after)} after the restart, not ${adsStateName(wanted)}`);
    return { place, ok: true, adsState: after, error: null };
  } catch (error) {
    return { place, ok: false, adsState: null, error: toServerError(error) };
  }
}

/** Proves a change from the outside: the new PSK identity gets a working Secure ADS connection, or plain ADS is refused. */
export async function verifyTarget(
  service: ServerConfigService,
  target: TargetConnection,
  check: { kind: 'psk'; identity: string; secret: string } | { kind: 'secure-only' },
): Promise<{ place: string; ok: boolean; detail: string }> {
  const place = service.placeName({ kind: 'target', target });
  if (check.kind === 'psk') {
    const viaPsk: TargetConnection = {
      ...target,
      mode: 'psk',
      fingerprint: null,
      ca: null,
      psk: { identity: check.identity, password: check.secret },
    };
    try {
      const state = await service.withSession(viaPsk, (session) => session.readState());
      return { place, ok: true, detail: `PSK handshake as "${check.identity}" succeeded; ReadState answered ${adsStateName(state)}` };
    } catch (error) {
      return { place, ok: false, detail: `PSK handshake as "${check.identity}" failed: ${toServerError(error).message}` };
    }
  }
  const plain: TargetConnection = { ...target, mode: 'none', fingerprint: null, ca: null, psk: null };
  try {
    const state = await service.withSession(plain, (session) => session.readState());
    return {
      place,
      ok: false,
      detail: `plain ADS still works (ReadState answered ${adsStateName(state)}): SecureOnly is not in effect yet; restart the target in Config mode`,
    };
  } catch (error) {
    return { place, ok: true, detail: `plain ADS is refused (${toServerError(error).message})` };
  }
}

/** Copies a local file into the target's TwinCAT folder and reads it back. */
export async function uploadFile(
  service: ServerConfigService,
  target: TargetConnection,
  localPath: string,
  remotePath: string,
  logger: Logger,
): Promise<{ place: string; ok: boolean; remotePath: string; error: ReturnType<typeof toServerError> | null }> {
  const place = service.placeName({ kind: 'target', target });
  try {
    checkRemotePath(remotePath);
    const data = new Uint8Array(await readFile(localPath));
    const written = await service.withSession(target, async (session) => {
      let path = remotePath;
      try {
        await session.files.write(path, data);
      } catch (error) {
        // The file service cannot create folders: a target without CACerts/ gets the file next to StaticRoutes.xml.
        const base = path.replace(/^.*[\\/]/, '');
        if ((error as { code?: string }).code !== 'ads-not-found' || base === path) throw error;
        path = base;
        await session.files.write(path, data);
      }
      const back = await session.files.read(path);
      if (!back || !sameBytes(back, data)) throw new TypedError('write-failed', `${path} read back different from what was written`);
      return path;
    });
    logger.info(`${place}: uploaded ${written} (${data.length} bytes)`);
    return { place, ok: true, remotePath: written, error: null };
  } catch (error) {
    return { place, ok: false, remotePath, error: toServerError(error) };
  }
}

/** Relative to the target folder, no way out of it, and never over StaticRoutes.xml itself. */
export function checkRemotePath(path: string): void {
  const parts = path.split(/[\\/]/);
  if (/^([a-zA-Z]:|[\\/])/.test(path) || parts.some((p) => p === '..' || p === '') || /^staticroutes\.xml/i.test(path)) {
    throw new TypedError('invalid-input', `"${path}" must be a relative path inside the TwinCAT folder, like CACerts/rootCA.pem`);
  }
}
