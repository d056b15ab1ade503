import { describe, expect, it } from 'vitest';
import { errorFromResponse, errorResponse, isWorkerRequest, isWorkerResponse } from './protocol';

describe('worker protocol', () => {
  it('accepts well-formed requests and rejects strays', () => {
    expect(isWorkerRequest({ type: 'classify', id: 1, texts: ['a'], opts: {} })).toBe(true);
    expect(isWorkerRequest({ type: 'cancel', id: 2, target: 1 })).toBe(true);
    expect(isWorkerRequest({ type: 'explain', id: 4, text: 'smart speaker' })).toBe(true);
    expect(isWorkerRequest({ type: 'classify' })).toBe(false);
    expect(isWorkerRequest({ type: 'eval', id: 1 })).toBe(false);
    expect(isWorkerRequest(null)).toBe(false);
    expect(isWorkerRequest('load')).toBe(false);
  });
  it('accepts responses; ready needs no id', () => {
    expect(isWorkerResponse({ type: 'ready' })).toBe(true);
    expect(isWorkerResponse({ type: 'classified', id: 3, results: [] })).toBe(true);
    expect(isWorkerResponse({ type: 'explained', id: 4, explanation: { segments: [] } })).toBe(true);
    expect(isWorkerResponse({ type: 'classified', results: [] })).toBe(false);
    expect(isWorkerResponse({ source: 'react-devtools' })).toBe(false);
  });
  it('errors survive the trip with their name', () => {
    const r = errorResponse(7, Object.assign(new Error('bad hash'), { name: 'PackIntegrityError' }));
    expect(r).toEqual({ type: 'error', id: 7, name: 'PackIntegrityError', message: 'bad hash' });
    // Plain data: what postMessage would copy.
    const back = structuredClone(r);
    if (back.type !== 'error') throw new Error('type');
    const e = errorFromResponse(back);
    expect(e.name).toBe('PackIntegrityError');
    expect(e.message).toBe('bad hash');
    expect(errorResponse(1, 'plain string')).toMatchObject({ name: 'Error', message: 'plain string' });
  });
});
