import { describe, expect, it } from 'vitest';
import { initialForm, settingsFor } from './route-form';
import { discovered } from './test-fixtures';

describe('legacy crypto option of the add-route form', () => {
  it('is off by default and reaches routes:add only for Secure ADS', () => {
    const form = { ...initialForm([discovered('CX-OLD', '10.77.1.10')], 'ENG-PC'), remoteRouteName: 'ENG-PC' };
    expect(settingsFor(form)[0]?.legacyCrypto).toBe(false);
    expect(settingsFor({ ...form, legacyCrypto: true })[0]).toMatchObject({ security: 'ssc', legacyCrypto: true });
    expect(settingsFor({ ...form, legacyCrypto: true, secure: false })[0]).toMatchObject({ security: 'none', legacyCrypto: false });
  });
});
