import type { IpcErrorCode } from './ipc/result';

/** An error a service throws on purpose: its code and message are safe to show the user. */
export class TypedError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TypedError';
  }
}
