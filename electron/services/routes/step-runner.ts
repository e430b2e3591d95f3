import type { RouteError, RouteStep } from '../../../shared/domain/route';
import type { EventOf } from '../../../shared/ipc/contract';
import { RouteFailure } from '../ads/route-failure';

/** A step as the contract's `routes:step` event carries it, before the batch it belongs to is stamped on. */
export type StepEvent = Omit<EventOf<'routes:step'>, 'batchId'>;
export type StepStatus = StepEvent['status'];

export type StepListener = (event: StepEvent) => void;

/** Runs one target's steps, timing each and reporting running → ok/failed; a failure carries its RouteError. */
export class StepRunner {
  readonly record: Array<{ step: RouteStep; ok: boolean; ms: number }> = [];

  constructor(
    private readonly target: string,
    private readonly listener: StepListener,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * `timing` is for work that began before the step is shown, or ended before it is reported: its start, and when it
   * ended (performance.now() values).
   */
  async run<T>(
    step: RouteStep,
    work: () => Promise<T>,
    detail?: (value: T) => string | null,
    timing?: { start: number; end(): number | undefined },
  ): Promise<T> {
    if (this.signal?.aborted) throw new RouteFailure('cancelled', 'cancelled by the user', null);
    this.emit(step, 'running', null, null, null);
    const start = timing?.start ?? performance.now();
    const elapsed = () => round((timing?.end() ?? performance.now()) - start);
    try {
      const value = await work();
      const ms = elapsed();
      this.record.push({ step, ok: true, ms });
      this.emit(step, 'ok', ms, detail ? detail(value) : null, null);
      return value;
    } catch (error) {
      const ms = elapsed();
      const failure = asFailure(error, this.signal);
      this.record.push({ step, ok: false, ms });
      this.emit(step, 'failed', ms, null, failure.toRouteError());
      throw failure;
    }
  }

  start(step: RouteStep): void {
    this.emit(step, 'running', null, null, null);
  }

  ok(step: RouteStep, detail: string | null, ms = 0): void {
    this.record.push({ step, ok: true, ms });
    this.emit(step, 'ok', ms, detail, null);
  }

  fail(step: RouteStep, failure: RouteFailure, ms = 0): RouteFailure {
    this.record.push({ step, ok: false, ms });
    this.emit(step, 'failed', ms, null, failure.toRouteError());
    return failure;
  }

  skip(step: RouteStep, detail: string | null = null): void {
    this.emit(step, 'skipped', null, detail, null);
  }

  private emit(step: RouteStep, status: StepStatus, ms: number | null, detail: string | null, error: RouteError | null): void {
    this.listener({ target: this.target, step, status, ms, detail, error });
  }
}

/** Anything unexpected becomes 'internal' with its message; credentials never reach messages, so this is safe. */
export function asFailure(error: unknown, signal?: AbortSignal): RouteFailure {
  if (signal?.aborted) return new RouteFailure('cancelled', 'cancelled by the user', null);
  if (error instanceof RouteFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'conflict') return new RouteFailure('internal', message, 'reload the route list and try again');
  if (
    (typeof code === 'string' && code.startsWith('certificate-')) ||
    code === 'key-malformed' ||
    code === 'key-password-required' ||
    code === 'key-bad-password' ||
    code === 'key-unsupported'
  ) {
    return new RouteFailure('invalid-input', message, 'check the certificate, key and key password files');
  }
  return new RouteFailure('internal', message, null);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
