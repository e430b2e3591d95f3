// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { FakeApi } from '../test-utils/fake-api';
import { renderWithApi } from '../test-utils/render';
import { PathField } from './PathField';

afterEach(cleanup);

function CaFile() {
  const [value, setValue] = useState('');
  return <PathField label="CA certificate" value={value} onChange={setValue} />;
}

function pickFile(name: string) {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  return userEvent.upload(input, new File(['-----BEGIN CERTIFICATE-----'], name, { type: 'application/x-pem-file' }));
}

describe('PathField', () => {
  it('fills the full path Electron reports for a picked file', async () => {
    const api = new FakeApi();
    api.filePaths.set('ca.pem', '/home/eng/certs/ca.pem');
    renderWithApi(<CaFile />, api);
    await pickFile('ca.pem');
    expect(screen.getByRole('textbox', { name: /CA certificate/ })).toHaveProperty('value', '/home/eng/certs/ca.pem');
  });

  it('fills only the name in a browser, where no path is revealed, and the user can complete it', async () => {
    renderWithApi(<CaFile />);
    await pickFile('ca.der');
    const field = screen.getByRole('textbox', { name: /CA certificate/ });
    expect(field).toHaveProperty('value', 'ca.der');
    await userEvent.clear(field);
    await userEvent.type(field, '/srv/pki/ca.der');
    expect(field).toHaveProperty('value', '/srv/pki/ca.der');
  });
});
