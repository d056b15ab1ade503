// @vitest-environment jsdom
/**
 * A render error inside a panel shows the boundary's message instead of a blank page, and its
 * reset brings the panel back with the merchant's text intact (the text lives in the store).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
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
