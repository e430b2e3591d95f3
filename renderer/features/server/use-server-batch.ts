import { useCallback, useState } from 'react';
import type { ServerApplyResult, ServerChange, ServerPlace } from '../../../shared/ipc/channels/server-config';
import { useApi } from '../../api/ApiProvider';
import { targetOf, type Place } from './places';

export type CellStatus = 'pending' | 'running' | 'ok' | 'unchanged' | 'absent' | 'failed' | 'skipped';
export interface Cell {
  status: CellStatus;
  detail: string | null;
  /** A refused concurrent change: what changed in the file since the user read it. */
  diff: string[] | null;
  /** The service's error code of a failure, for the text in the user's language. */
  code: string | null;
}
export interface BatchRow {
  key: string;
  place: Place;
  apply: Cell | null;
  restart: Cell | null;
  verify: Cell | null;
  attempt: number;
}
export interface PlannedChange {
  change: ServerChange;
  /** Set CA files: copy them into each target's CACerts/ folder first and point to them there. */
  upload: boolean;
  /** A removal: the places that do not hold what it removes; reported as not there and never written. */
  absent?: string[];
}
export type ServerCheck = { kind: 'psk'; identity: string; secret: string } | { kind: 'secure-only' } | null;
export type RestartMode = 'config' | 'run';

const cell = (status: CellStatus, detail: string | null = null, diff: string[] | null = null, code: string | null = null): Cell => ({
  status,
  detail,
  diff,
  code,
});

/** A failed cell from a per-system error or, when the whole call failed, from its error. */
const failed = (error: { code: string; message: string; diff?: string[] | null } | null | undefined): Cell =>
  cell('failed', error?.message ?? null, error?.diff ?? null, error?.code ?? null);

export interface BatchDeps {
  /** The revision of each place's file the user saw. */
  revisionOf(key: string): string | null;
  onApplied(key: string, result: ServerApplyResult): void;
  onState(key: string, adsState: number | null): void;
  /**
   * After a proof: a Secure ADS connection lets the target store a route for this PC, so its file is no longer the
   * one the user saw; reading it again keeps the next change from being refused as a concurrent one.
   */
  onProved?(keys: string[]): void;
}

/**
 * One change or restart for many systems: per-system cells for the file change, the restart and the proof, and
 * "Retry failed" for the last step that ran.
 */
export function useServerBatch(places: Place[], deps: BatchDeps) {
  const api = useApi();
  const [rows, setRows] = useState<BatchRow[]>(() =>
    places.map((place) => ({ key: place.key, place, apply: null, restart: null, verify: null, attempt: 1 })),
  );
  const [stage, setStage] = useState<{ kind: 'apply'; planned: PlannedChange } | { kind: 'restart'; mode: RestartMode } | null>(null);
  const [busy, setBusy] = useState(false);

  const update = useCallback((key: string, patch: Partial<BatchRow>) => {
    setRows((old) => old.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }, []);
  const placesFor = useCallback((keys: string[]) => places.filter((place) => keys.includes(place.key)), [places]);

  const applyTo = async (targets: Place[], planned: PlannedChange, revisions: (string | null)[]) => {
    let groups: Array<{ places: Place[]; revisions: (string | null)[]; change: ServerChange }> = [
      { places: targets, revisions, change: planned.change },
    ];
    if (planned.upload && planned.change.kind === 'set-tls') groups = await uploadFirst(targets, revisions, planned.change);
    for (const group of groups) {
      if (group.places.length === 0) continue;
      const answer = await api.invoke('server-config:apply', {
        places: group.places.map((place) => place.server as ServerPlace),
        change: group.change,
        revisions: group.revisions,
      });
      group.places.forEach((place, index) => {
        if (!answer.ok) return update(place.key, { apply: failed(answer.error) });
        const result = answer.data[index]!;
        deps.onApplied(place.key, result);
        update(place.key, {
          apply: result.ok ? cell(result.changed ? 'ok' : 'unchanged', result.backup) : failed(result.error),
        });
      });
    }
  };

  /** Copies the three files to every target; each group then points to where its files landed. */
  const uploadFirst = async (targets: Place[], revisions: (string | null)[], change: Extract<ServerChange, { kind: 'set-tls' }>) => {
    const groups = new Map<string, { places: Place[]; revisions: (string | null)[]; change: ServerChange }>();
    const remote = targets.filter((place) => targetOf(place));
    const landed = new Map<string, string[]>(remote.map((place) => [place.key, []]));
    for (const local of [change.ca, change.cert, change.key]) {
      if (remote.length === 0) break;
      const answer = await api.invoke('server-config:upload', {
        targets: remote.map((place) => targetOf(place)!),
        localPath: local,
        remotePath: `CACerts/${local.replace(/^.*[\\/]/, '')}`,
      });
      remote.forEach((place, index) => {
        const result = answer.ok ? answer.data[index]! : null;
        if (result?.ok) landed.get(place.key)?.push(result.remotePath);
        else {
          landed.delete(place.key);
          update(place.key, { apply: failed(result?.error ?? (answer.ok ? null : answer.error)) });
        }
      });
    }
    targets.forEach((place, index) => {
      const paths = targetOf(place) ? landed.get(place.key) : [change.ca, change.cert, change.key];
      if (!paths || paths.length !== 3) return;
      const id = paths.join('\n');
      const group = groups.get(id) ?? { places: [], revisions: [], change: { ...change, ca: paths[0]!, cert: paths[1]!, key: paths[2]! } };
      group.places.push(place);
      group.revisions.push(revisions[index] ?? null);
      groups.set(id, group);
    });
    return [...groups.values()];
  };

  const apply = useCallback(
    async (planned: PlannedChange, keys: string[], fresh = false) => {
      setBusy(true);
      setStage({ kind: 'apply', planned });
      const absent = new Set(planned.absent ?? []);
      const chosen = placesFor(keys).filter((place) => place.server);
      for (const place of chosen) update(place.key, { apply: cell(absent.has(place.key) ? 'absent' : 'running') });
      const targets = chosen.filter((place) => !absent.has(place.key));
      if (targets.length === 0) return setBusy(false);
      let revisions = targets.map((place) => deps.revisionOf(place.key));
      if (fresh) {
        // A retry starts from the file as it is now: the user has seen what changed in it.
        const read = await api.invoke('server-config:read', { places: targets.map((place) => place.server as ServerPlace) });
        revisions = targets.map((_, index) => (read.ok ? (read.data[index]?.revision ?? null) : null));
      }
      await applyTo(targets, planned, revisions);
      setBusy(false);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, deps, placesFor, update],
  );

  const verify = useCallback(
    async (check: ServerCheck, keys: string[]) => {
      if (!check) return;
      const targets = placesFor(keys).filter((place) => targetOf(place));
      if (targets.length === 0) return;
      for (const place of targets) update(place.key, { verify: cell('running') });
      const answer = await api.invoke('server-config:verify', { targets: targets.map((place) => targetOf(place)!), check });
      targets.forEach((place, index) => {
        const result = answer.ok ? answer.data[index]! : null;
        update(place.key, { verify: cell(result?.ok ? 'ok' : 'failed', result?.detail ?? (answer.ok ? null : answer.error.message)) });
      });
      deps.onProved?.(targets.map((place) => place.key));
    },
    [api, deps, placesFor, update],
  );

  const restart = useCallback(
    async (mode: RestartMode, keys: string[], check: ServerCheck = null) => {
      setBusy(true);
      setStage({ kind: 'restart', mode });
      const chosen = placesFor(keys);
      for (const place of chosen) update(place.key, { restart: cell(targetOf(place) ? 'running' : 'skipped') });
      const targets = chosen.filter((place) => targetOf(place));
      const restarted: string[] = [];
      if (targets.length > 0) {
        const answer = await api.invoke('server-config:restart', {
          targets: targets.map((place) => targetOf(place)!),
          mode,
          confirmed: true,
        });
        targets.forEach((place, index) => {
          const result = answer.ok ? answer.data[index]! : null;
          if (result?.ok) {
            restarted.push(place.key);
            deps.onState(place.key, result.adsState);
          }
          update(place.key, {
            restart: result?.ok ? cell('ok') : failed(result?.error ?? (answer.ok ? null : answer.error)),
          });
        });
      }
      await verify(check, restarted);
      setBusy(false);
    },
    [api, deps, placesFor, update, verify],
  );

  const failedKeys = (which: 'apply' | 'restart') => rows.filter((row) => row[which]?.status === 'failed').map((row) => row.key);

  /** Sends the last step again, to the systems it failed on only. */
  const retryFailed = async (check: ServerCheck = null) => {
    if (!stage) return;
    const keys = failedKeys(stage.kind);
    setRows((old) => old.map((row) => (keys.includes(row.key) ? { ...row, attempt: row.attempt + 1 } : row)));
    if (stage.kind === 'apply') await apply(stage.planned, keys, true);
    else await restart(stage.mode, keys, check);
  };

  const canRetry = stage !== null && !busy && failedKeys(stage.kind).length > 0;
  return { rows, stage, busy, apply, restart, verify, retryFailed, canRetry };
}
