// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { useLater } from './use-later';

// Fake timers: a real setTimeout(0) in the test races the hook's own hops on a loaded machine
// (timers due in the same millisecond fire together), which made "one task later" flaky.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** One macrotask: every setTimeout(0) queued before it has run (and none queued by them). */
const task = () =>
  act(() => {
    vi.runOnlyPendingTimers();
  });

function Probe({ value, tasks, log }: { value: string; tasks: number; log: string[] }) {
  const later = useLater(value, tasks);
  log.push(`${tasks}:${later ?? '-'}`);
  return <p data-testid={`lag-${tasks}`}>{later ?? '-'}</p>;
}

function Two({ value, log }: { value: string; log: string[] }) {
  return (
    <>
      <Probe value={value} tasks={1} log={log} />
      <Probe value={value} tasks={2} log={log} />
    </>
  );
}

describe('useLater', () => {
  it('shows nothing at mount, then the value one task later for lag 1 and two for lag 2', async () => {
    const log: string[] = [];
    const { getByTestId } = render(<Two value="a" log={log} />);
    expect(getByTestId('lag-1').textContent).toBe('-');
    expect(getByTestId('lag-2').textContent).toBe('-');
    await task();
    expect(getByTestId('lag-1').textContent).toBe('a');
    expect(getByTestId('lag-2').textContent).toBe('-');
    await task();
    expect(getByTestId('lag-2').textContent).toBe('a');
  });

  it('renders each lag in its own task, never both in one', async () => {
    const log: string[] = [];
    const { rerender } = render(<Two value="a" log={log} />);
    await task();
    await task();
    rerender(<Two value="b" log={log} />);
    log.length = 0;
    await task();
    // Only the lag-1 probe re-rendered in this task.
    expect(log).toEqual(['1:b']);
    log.length = 0;
    await task();
    expect(log).toEqual(['2:b']);
  });

  it('a newer value supersedes one still pending', async () => {
    const log: string[] = [];
    const { rerender, getByTestId } = render(<Two value="a" log={log} />);
    await task();
    await task();
    rerender(<Two value="b" log={log} />);
    await task();
    rerender(<Two value="c" log={log} />);
    log.length = 0;
    await task();
    await task();
    expect(getByTestId('lag-1').textContent).toBe('c');
    expect(getByTestId('lag-2').textContent).toBe('c');
    // "b" never reached the lag-2 probe.
    expect(log).not.toContain('2:b');
  });
});
