import type { EventOf } from '../../../shared/ipc/contract';
import type { RouteError, RouteStep } from '../../../shared/domain/route';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../i18n';

export type StepEvent = EventOf<'routes:step'>;
export type DoneEvent = EventOf<'routes:done'>;
export type ResultEvent = EventOf<'routes:result'>;
export type StepStatus = StepEvent['status'];

/** The steps in the order the services run them; their names (actions, not outcomes) are in the addRoute catalogue. */
export const STEPS: ReadonlyArray<{ step: RouteStep }> = [
  { step: 'resolve' },
  { step: 'connect' },
  { step: 'tls' },
  { step: 'fingerprint' },
  { step: 'credentials' },
  { step: 'remote-route' },
  { step: 'local-route' },
  { step: 'verify' },
];

export interface StepState {
  status: StepStatus;
  ms: number | null;
  detail: string | null;
  error: RouteError | null;
}

export type TargetOutcome = 'pending' | 'running' | 'ok' | 'failed';

export interface TargetProgress {
  /** The address sent in the settings: how events name this target. */
  address: string;
  /** The name the user knows the target by (its route name). */
  label: string;
  steps: Partial<Record<RouteStep, StepState>>;
  outcome: TargetOutcome;
  error: RouteError | null;
  ms: number | null;
  /** 1 for the first try, 2 after the first "Retry failed", and so on: a retried success should say so. */
  attempt: number;
}

export interface BatchState {
  /** Rows in the order the targets were selected. */
  rows: TargetProgress[];
  /** Batches this dialog started (it picks their ids); events of other batches (another window) are not ours. */
  batches: string[];
}

export type BatchAction =
  | { type: 'start'; batchId: string; targets: Array<{ address: string; label: string }> }
  | { type: 'rejected'; addresses: string[]; error: RouteError }
  | { type: 'step'; event: StepEvent }
  | { type: 'result'; event: ResultEvent }
  | { type: 'done'; event: DoneEvent };

export const emptyBatch: BatchState = { rows: [], batches: [] };

function updateRow(state: BatchState, address: string, update: (row: TargetProgress) => TargetProgress): BatchState {
  return { ...state, rows: state.rows.map((row) => (row.address === address ? update(row) : row)) };
}

function applyStep(state: BatchState, event: StepEvent): BatchState {
  return updateRow(state, event.target, (row) => ({
    ...row,
    outcome: row.outcome === 'pending' ? 'running' : row.outcome,
    steps: { ...row.steps, [event.step]: { status: event.status, ms: event.ms, detail: event.detail, error: event.error } },
  }));
}

function applyResult(state: BatchState, result: ResultEvent['result']): BatchState {
  return updateRow(state, result.target, (row) => ({ ...row, outcome: result.ok ? 'ok' : 'failed', error: result.error, ms: result.ms }));
}

function applyDone(state: BatchState, event: DoneEvent): BatchState {
  return event.results.reduce(applyResult, state);
}

export function batchReducer(state: BatchState, action: BatchAction): BatchState {
  switch (action.type) {
    case 'start': {
      const fresh = new Map(action.targets.map((target) => [target.address, target.label]));
      const kept = state.rows.filter((row) => !fresh.has(row.address));
      const previous = new Map(state.rows.map((row) => [row.address, row.attempt]));
      const restarted = action.targets.map((target): TargetProgress => ({
        address: target.address,
        label: target.label,
        steps: {},
        outcome: 'pending',
        error: null,
        ms: null,
        attempt: (previous.get(target.address) ?? 0) + 1,
      }));
      // Keep the selection order: a retried row stays where it was.
      const order = [
        ...state.rows.map((row) => row.address),
        ...action.targets.map((target) => target.address).filter((address) => !state.rows.some((row) => row.address === address)),
      ];
      const byAddress = new Map([...kept, ...restarted].map((row) => [row.address, row]));
      return {
        batches: [...state.batches, action.batchId],
        rows: order.map((address) => byAddress.get(address)).filter((row): row is TargetProgress => row !== undefined),
      };
    }
    case 'rejected': {
      let next = state;
      for (const address of action.addresses)
        next = updateRow(next, address, (row) => ({ ...row, outcome: 'failed', error: action.error }));
      return next;
    }
    case 'step':
      return state.batches.includes(action.event.batchId) ? applyStep(state, action.event) : state;
    case 'result':
      return state.batches.includes(action.event.batchId) ? applyResult(state, action.event.result) : state;
    case 'done':
      return state.batches.includes(action.event.batchId) ? applyDone(state, action.event) : state;
  }
}

export function isRunning(state: BatchState): boolean {
  return state.rows.some((row) => row.outcome === 'pending' || row.outcome === 'running');
}

export function failedAddresses(state: BatchState): string[] {
  return state.rows.filter((row) => row.outcome === 'failed').map((row) => row.address);
}

/** The step that failed, for the message and the fix next to it. */
export function failedStep(row: TargetProgress): { step: RouteStep; state: StepState } | undefined {
  for (const { step } of STEPS) {
    const state = row.steps[step];
    if (state?.status === 'failed') return { step, state };
  }
  return undefined;
}

/** The error that explains a failed row: the failed step's, else the row's own. */
export function errorOf(row: TargetProgress): RouteError | null {
  return failedStep(row)?.state.error ?? row.error;
}

export function batchCounts(state: BatchState): { total: number; ok: number; failed: number; running: boolean } {
  return {
    total: state.rows.length,
    ok: state.rows.filter((row) => row.outcome === 'ok').length,
    failed: state.rows.filter((row) => row.outcome === 'failed').length,
    running: isRunning(state),
  };
}

/**
 * The single-target line under the steps, in the user's language. A failure's own message is the services' English:
 * the dialog puts it after this line, marked as English.
 */
export function summaryOf(row: TargetProgress, t: TFunction<'addRoute'>, format: Pick<Formatters, 'duration'>): string {
  if (row.outcome === 'ok') return t('summary.ok', { name: row.label, time: format.duration(row.ms ?? 0) });
  if (row.outcome === 'failed') return t('summary.failed', { name: row.label });
  return t('summary.running', { name: row.label });
}

export function batchSummary(state: BatchState, t: TFunction<'addRoute'>): string {
  const { total, ok, failed, running } = batchCounts(state);
  if (running) return t('summary.batchRunning', { done: ok + failed, total });
  if (failed === 0) return t('summary.batchOk', { total });
  return t('summary.batchFailed', { ok, total, failed });
}
