import { describe, expect, it } from 'vitest';
import {
  addressError,
  hasErrors,
  initialForm,
  nameError,
  netIdError,
  settingsFor,
  targetsWithoutSecure,
  timeoutError,
  validateForm,
} from './route-form';
import { discovered } from './test-fixtures';

describe('route settings form', () => {
  it('prefills from discovery: host name as route name, NetId, IP, and Secure ADS SSC when any target offers it', () => {
    const form = initialForm([discovered('CX-123', '10.77.1.10')], 'ENG-PC');
    expect(form.targets[0]).toMatchObject({ routeName: 'CX-123', netId: '10.77.1.10.1.1', ip: '10.77.1.10' });
    expect(form).toMatchObject({ secure: true, method: 'ssc', addressKind: 'ip', remoteRouteName: 'ENG-PC' });
    // One target without Secure ADS does not turn it off for the others.
    expect(
      initialForm([discovered('CX-1', '10.77.1.10'), discovered('CX-2', '10.77.1.11', { secureAds: false, fingerprint: null })], '').secure,
    ).toBe(true);
    expect(initialForm([discovered('CX-2', '10.77.1.11', { secureAds: false, fingerprint: null })], '').secure).toBe(false);
  });

  it('a Secure ADS batch leaves a target without Secure ADS out unless it was confirmed for plain ADS', () => {
    const form = {
      ...initialForm(
        [discovered('CX-1', '10.77.1.10'), discovered('PLC', '10.77.1.11', { secureAds: false, fingerprint: null })],
        'ENG-PC',
      ),
      remoteRouteName: 'ENG-PC',
    };
    expect(targetsWithoutSecure(form).map((t) => t.hostname)).toEqual(['PLC']);
    expect(settingsFor(form).map((s) => [s.address, s.security])).toEqual([['10.77.1.10', 'ssc']]);
    const plainKey = form.targets[1]!.key;
    expect(settingsFor(form, new Set([plainKey])).map((s) => [s.address, s.security])).toEqual([
      ['10.77.1.10', 'ssc'],
      ['10.77.1.11', 'none'],
    ]);
    // Secure ADS off for the whole batch: every target goes plain, the login step says so.
    expect(settingsFor({ ...form, secure: false }).map((s) => s.security)).toEqual(['none', 'none']);
    expect(targetsWithoutSecure({ ...form, secure: false })).toEqual([]);
  });

  it('explains bad NetIds, names and timeouts', () => {
    expect(netIdError('5.36.69.176.1.1')).toBeUndefined();
    expect(netIdError('5.36.69.176.1')).toMatch(/Six numbers 0–255/);
    expect(netIdError('5.36.69.176.1.256')).toMatch(/Six numbers 0–255/);
    expect(nameError('')).toMatch(/1–63/);
    expect(nameError('x'.repeat(64))).toMatch(/At most 63/);
    expect(nameError('CX<1>')).toMatch(/Letters, digits/);
    expect(timeoutError('0')).toMatch(/1 to 600/);
    expect(timeoutError('601')).toMatch(/1 to 600/);
    expect(timeoutError('2.5')).toMatch(/1 to 600/);
    expect(timeoutError('600')).toBeUndefined();
  });

  it('asks for a host name or a valid IP address, whichever Address Info picks', () => {
    expect(addressError({ hostname: '', ip: '10.77.1.10' }, 'hostname')).toBe('Enter a host name, or choose IP Address');
    expect(addressError({ hostname: 'CX-1', ip: '10.77.1.10' }, 'hostname')).toBeUndefined();
    expect(addressError({ hostname: 'CX-1', ip: '10.77.1.256' }, 'ip')).toMatch(/Four numbers 0–255/);
    expect(addressError({ hostname: 'CX-1', ip: '10.77.1' }, 'ip')).toMatch(/Four numbers 0–255/);
    // getaddrinfo would read this as octal 8.77.1.10, a different (public) host.
    expect(addressError({ hostname: 'CX-1', ip: '010.77.1.10' }, 'ip')).toMatch(/without leading zeros/);
    expect(addressError({ hostname: 'CX-1', ip: ' 10.77.1.10 ' }, 'ip')).toBeUndefined();
    expect(addressError({ hostname: '', ip: '10.77.1.10' }, 'ip')).toBeUndefined();
  });

  it('holds a Secure ADS self-signed route to what the TlsConnectInfo can carry: 31 characters, no temporary remote route', () => {
    const form = { ...initialForm([discovered('CX-123', '10.77.1.10')], 'ENG-PC'), remoteRouteName: 'E'.repeat(32) };
    expect(validateForm(form).remoteRouteName).toBe('At most 31 characters for a Secure ADS route (32 now)');
    expect(validateForm({ ...form, remoteRouteName: 'E'.repeat(31) }).remoteRouteName).toBeUndefined();
    // Plain ADS and PSK/CA do not send the name in a TlsConnectInfo: 63 is the limit there.
    expect(validateForm({ ...form, method: 'psk' }).remoteRouteName).toBeUndefined();
    expect(validateForm({ ...form, secure: false }).remoteRouteName).toBeUndefined();

    const temporary = { ...form, remoteRouteName: 'ENG-PC', remoteRoute: 'temporary' as const };
    expect(validateForm(temporary).remoteRoute).toMatch(/no temporary one/);
    expect(hasErrors(validateForm(temporary))).toBe(true);
    expect(validateForm({ ...temporary, secure: false }).remoteRoute).toBeUndefined();
  });

  it('refuses two targets with one route name, since the local list is keyed by name', () => {
    const form = initialForm([discovered('CX', '10.77.1.10'), discovered('cx', '10.77.1.11')], 'PC');
    expect(validateForm(form).targets[form.targets[1]!.key]?.routeName).toMatch(/cannot share/);
  });

  it('builds per-target settings with the address the radio picks and the timeout in ms', () => {
    const form = {
      ...initialForm([discovered('CX-1', '10.77.1.10'), discovered('CX-2', '10.77.1.11')], 'PC'),
      addressKind: 'hostname' as const,
      timeoutSeconds: '7',
    };
    expect(settingsFor(form).map((s) => [s.routeName, s.address, s.addressKind, s.connectionTimeoutMs, s.security])).toEqual([
      ['CX-1', 'CX-1', 'hostname', 7000, 'ssc'],
      ['CX-2', 'CX-2', 'hostname', 7000, 'ssc'],
    ]);
  });
});
