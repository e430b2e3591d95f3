// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApi } from '../../test-utils/render';
import { SearchEta } from './SearchEta';
import { SearchPanel, type SearchFields } from './SearchPanel';
import type { DiscoveryState } from './use-discovery';

// The clock the ETA reads: the component takes performance.now() on its one-second tick.
let clock = 0;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  clock = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const tick = (ms: number) =>
  act(() => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  });

const fields: SearchFields = { hosts: '', ranges: '10.10.0.0/22', timeoutMs: 3000, adapters: new Set() };

function sweeping(sent: number, answered: number): DiscoveryState {
  return {
    phase: 'searching',
    kind: 'range',
    searchId: 's1',
    targets: [],
    indexByKey: new Map(),
    previous: null,
    hostErrors: [],
    progress: { sent, total: 1024, answered },
    startedAt: 0,
    summary: null,
    startError: null,
  };
}

function panel(discovery: DiscoveryState) {
  return (
    <SearchPanel
      fields={fields}
      onFieldsChange={() => undefined}
      onToggleAdapter={() => undefined}
      adapters={[]}
      adaptersError={undefined}
      discovery={discovery}
      onSearch={() => undefined}
      onCancel={() => undefined}
    />
  );
}

/** The panel with a discovery state the test moves on, as new progress events would. */
let setDiscovery: (state: DiscoveryState) => void = () => undefined;
function LivePanel({ initial }: { initial: DiscoveryState }) {
  const [discovery, set] = useState(initial);
  useEffect(() => {
    setDiscovery = set;
  }, []);
  return panel(discovery);
}

describe('the progress of a big range search', () => {
  it('shows requests sent of the total, the systems found and, after a second, the time left', () => {
    renderWithApi(<LivePanel initial={sweeping(256, 3)} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Searching… 3 answered, 256 of 1024 requests sent');
    expect(screen.getByRole('progressbar', { name: 'Search progress' }).getAttribute('aria-valuenow')).toBe('25');
    // No guess before the first second of sweeping.
    expect(status.textContent).not.toContain('left');

    // 256 sent in 1 s: 768 to go take 3 s, plus the last host's 1 s answer window.
    tick(1000);
    expect(status.textContent).toContain('256 of 1024 requests sent, about 4 s left');

    act(() => setDiscovery(sweeping(768, 7)));
    tick(1000);
    // 768 in 2 s: 256 to go take 0.7 s, plus 1 s, rounded up to whole seconds.
    expect(status.textContent).toContain('Searching… 7 answered, 768 of 1024 requests sent, about 2 s left');
  });

  it('says no time once every request is out: then it only waits for late answers', () => {
    renderWithApi(panel(sweeping(1024, 12)));
    tick(1000);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Searching… 12 answered, waiting for late answers');
    expect(status.textContent).not.toContain('left');
  });

  it('counts down in German too', () => {
    renderWithApi(<SearchEta progress={{ sent: 100, total: 1100 }} startedAt={0} perHostWindowMs={1000} />, undefined, {
      language: 'de',
    });
    tick(1000);
    // 100 per second: 1,000 to go take 10 s, plus 1 s.
    expect(document.body.textContent).toContain('noch etwa 11 s');
    tick(1000);
    // Same progress two seconds in: the pace halved, so 20 s + 1 s.
    expect(document.body.textContent).toContain('noch etwa 21 s');
  });
});
