// @vitest-environment jsdom
/**
 * A render error inside a panel shows the boundary's message instead of a blank page, and its
 * reset brings the panel back with the merchant's text and batch results intact (both live in
 * the store, not in the panel that the reset remounts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BatchPanel } from '../features/batch/batch-panel';
import { ClassifyPanel } from '../features/classify/classify-panel';
import type { PackInfo } from '../inference/inference-client';
import { useAppStore } from '../state/store';
import { ErrorBoundary } from './error-boundary';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ErrorBoundary around the listing panel', () => {
  it('catches a render error and its reset keeps the listing text', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const text = 'Handmade walnut cutting board, 40 x 25 cm — 胡桃木砧板';
    render(
      <ErrorBoundary>
        <ClassifyPanel />
      </ErrorBoundary>,
    );
    fireEvent.change(screen.getByLabelText('Product listing'), { target: { value: text } });
    expect(useAppStore.getState().listing).toBe(text);

    // A pack whose info is not what the panel expects makes it throw while rendering.
    act(() => useAppStore.setState({ packInfo: {} as PackInfo }));
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong');
    expect(screen.queryByLabelText('Product listing')).toBeNull();

    act(() => useAppStore.setState({ packInfo: null }));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((screen.getByLabelText('Product listing') as HTMLTextAreaElement).value).toBe(text);
  });
});

describe('ErrorBoundary around the batch panel', () => {
  it('its reset brings back the file, the column choice and the results', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const done = (l1: string) =>
      ({ status: 'done', l1, l2: `${l1}-1`, p1: 0.9, p1b: 0.05, p2: 0.8, googleId: null }) as const;
    useAppStore.getState().setBatchTable(
      {
        name: 'shop.csv',
        encoding: 'UTF-8',
        header: ['sku', 'title'],
        rows: [
          ['A1', 'Walnut cutting board'],
          ['A2', ''],
          ['A3', '胡桃木砧板'],
        ],
        firstRowIsHeader: true,
        delimiter: ';',
        notes: [],
      },
      [1],
    );
    act(() =>
      useAppStore.setState({
        batchResults: [done('hg'), { status: 'failed', reason: 'empty text' }, done('hg')],
        batchRun: { ...useAppStore.getState().batchRun, phase: 'done', done: 3, total: 3 },
        corrections: { 2: 'hg-3' },
      }),
    );
    const before = useAppStore.getState();
    render(
      <ErrorBoundary>
        <BatchPanel />
      </ErrorBoundary>,
    );
    expect(screen.getByTestId('batch-source').textContent).toContain('shop.csv: 3 rows');
    expect(screen.getByTestId('batch-source').textContent).toContain('separated by semicolons');

    // A pack whose info is not what the panel expects makes it throw while rendering.
    act(() => useAppStore.setState({ packInfo: {} as PackInfo }));
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong');
    expect(screen.queryByTestId('batch-source')).toBeNull();

    act(() => useAppStore.setState({ packInfo: null }));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    const after = useAppStore.getState();
    expect(after.batchTable).toBe(before.batchTable);
    expect(after.batchResults).toBe(before.batchResults);
    expect(after.corrections).toEqual({ 2: 'hg-3' });
    expect(screen.getByTestId('batch-source').textContent).toContain('shop.csv: 3 rows');
    expect(screen.getByTestId('batch-progress').textContent).toContain('3 / 3 rows');
    expect(screen.getByTestId('batch-visible').textContent).toContain('3 of 3 rows shown');
    expect((screen.getByRole('checkbox', { name: 'title' }) as HTMLInputElement).checked).toBe(true);
    expect(
      (screen.getByRole('checkbox', { name: 'First row is a header' }) as HTMLInputElement).checked,
    ).toBe(true);
  });
});
