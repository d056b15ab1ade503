import { describe, expect, it } from 'vitest';
import { offlineMessage, type OfflineFacts } from './offline-message';

const base: OfflineFacts = {
  state: 'ready',
  error: null,
  cachedPack: 'v1',
  latestPack: 'v1',
  loadedPack: 'v1',
};

describe('offlineMessage', () => {
  it('says offline-ready with the cached pack version', () => {
    const m = offlineMessage(base);
    expect(m.text).toContain('Offline-ready');
    expect(m.text).toContain('v1');
    expect(m.update).toBeNull();
  });

  it('announces a newer server version than the page runs', () => {
    expect(offlineMessage({ ...base, latestPack: 'v2', cachedPack: 'v2' }).update).toBe('v2');
  });

  it('announces nothing before the model is loaded or when the server is unreachable', () => {
    expect(offlineMessage({ ...base, latestPack: 'v2', loadedPack: null }).update).toBeNull();
    expect(offlineMessage({ ...base, latestPack: null }).update).toBeNull();
  });

  it('says why the app is not available offline', () => {
    const m = offlineMessage({ ...base, state: 'failed', error: 'quota exceeded' });
    expect(m.text).toBe('Not available offline: quota exceeded.');
    expect(m.tone).toBe('warn');
  });

  it('says nothing on the dev server', () => {
    expect(offlineMessage({ ...base, state: 'off' }).text).toBeNull();
  });
});
