import {
  encodeTlsConnectInfo,
  TlsConnectError,
  TlsConnectFlag,
  TlsConnectInfoReader,
  type TlsConnectInfo,
  type TlsConnectInfoInput,
} from '../../../../shared/protocol/tls-connect-info';
import { ProtocolError } from '../../../../shared/protocol/errors';
import { RouteFailure } from '../route-failure';
import type { SecureTransport } from './secure-transport';

/** Flag sets the working clients send. */
export function sscAddRouteFlags(addressIsIp: boolean): number {
  const base = TlsConnectFlag.AddRemote | TlsConnectFlag.SelfSigned | TlsConnectFlag.IgnoreCn;
  return addressIsIp ? base | TlsConnectFlag.IpAddr : base;
}
export const SSC_FOLLOW_UP_FLAGS = TlsConnectFlag.SelfSigned;
export const PSK_FLAGS = 0x00;
export const CA_FLAGS = 0x00;

export interface ConnectInfoResult {
  response: TlsConnectInfo;
  /** AMS bytes that arrived in the same read as the response. */
  rest: Uint8Array;
}

/** Sends our TlsConnectInfo and waits for the target's; a refusal becomes a RouteFailure with a fix. */
export async function exchangeConnectInfo(
  transport: SecureTransport,
  request: TlsConnectInfoInput,
  timeoutMs: number,
): Promise<ConnectInfoResult> {
  let encoded: Uint8Array;
  try {
    encoded = encodeTlsConnectInfo(request);
  } catch (error) {
    // The codec names only positions, never the text, so its message is safe to pass on.
    const why = error instanceof ProtocolError ? error.message : 'cannot be encoded';
    throw new RouteFailure(
      'invalid-input',
      `the TlsConnectInfo cannot be built: ${why}`,
      'use a host name, user name and password in Windows-1252 characters (user + password at most 448 bytes)',
    );
  }
  await transport.write(encoded);
  const { info, rest } = await readResponse(transport, timeoutMs);
  checkResponse(info);
  return { response: info, rest };
}

async function readResponse(transport: SecureTransport, timeoutMs: number): Promise<{ info: TlsConnectInfo; rest: Uint8Array }> {
  const reader = new TlsConnectInfoReader();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RouteFailure(
            'timeout',
            `no TlsConnectInfo answer within ${timeoutMs} ms`,
            'the target accepted TLS but did not answer: check that it is a TwinCAT 3.1.4024+ Secure ADS server',
          ),
        ),
      timeoutMs,
    );
  });
  try {
    for (;;) {
      const chunk = await Promise.race([transport.read(), timeout]);
      if (chunk === null) {
        throw new RouteFailure(
          'tls-failed',
          'the target closed the connection instead of answering the TlsConnectInfo',
          'the target rejected this client after TLS: check its Secure ADS settings and log',
        );
      }
      let result;
      try {
        result = reader.push(chunk);
      } catch (error) {
        throw new RouteFailure(
          'tls-failed',
          `the target's TlsConnectInfo answer is malformed: ${(error as Error).message}`,
          'the peer on this port is not a TwinCAT Secure ADS server',
        );
      }
      if (result) return result;
    }
  } finally {
    clearTimeout(timer);
  }
}

export function checkResponse(info: TlsConnectInfo): void {
  if ((info.flags & TlsConnectFlag.Response) === 0) {
    throw new RouteFailure(
      'tls-failed',
      'the target answered without the Response flag',
      'the peer on this port is not a TwinCAT Secure ADS server',
    );
  }
  switch (info.error) {
    case TlsConnectError.NoError:
      return;
    case TlsConnectError.UnknownUser:
      throw new RouteFailure(
        'auth-failed',
        'the target refused the credentials (TlsConnectInfo error 4: unknown user)',
        'user name or password wrong: use an OS account of the target (CX default Administrator / 1)',
      );
    case TlsConnectError.UnknownCert:
      throw new RouteFailure(
        'cert-untrusted',
        "the target does not know this PC's certificate (TlsConnectInfo error 3)",
        "add the route again with user name and password, or register this PC's certificate (or CA) on the target",
      );
    case TlsConnectError.CnMismatch:
      throw new RouteFailure(
        'cn-mismatch',
        "the target says this PC's certificate CN does not match (TlsConnectInfo error 2)",
        "issue this PC's certificate with the CN the target expects, or set IgnoreCn on the target",
      );
    case TlsConnectError.Version:
      throw new RouteFailure(
        'tls-failed',
        'TlsConnectInfo version not supported by the target (error 1)',
        'update TwinCAT on the target (Secure ADS needs 3.1.4024 or newer)',
      );
    default:
      throw new RouteFailure('tls-failed', `the target refused the connection with TlsConnectInfo error ${info.error}`, null);
  }
}
