import { z } from 'zod';

/** Codes every transport and the dispatcher may return; features add their own strings. */
export type IpcErrorCode = 'unknown-channel' | 'invalid-request' | 'invalid-response' | 'internal' | 'transport' | (string & {});

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

export const ipcErrorSchema = z.object({ code: z.string(), message: z.string() });

export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data };
}

export function fail(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}
