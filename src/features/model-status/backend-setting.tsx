/**
 * The backend setting: auto (webgpu -> webgl -> wasm -> cpu, software GPUs skipped) or one backend
 * forced. Changing it reloads the model on that backend in the same client (the pack comes from the
 * Cache API, so nothing is downloaded again) and keeps the choice in the URL (`?backend=`).
 */
import { useId, useState } from 'react';
import { MODEL_PATH } from '../../config/app';
import type { BackendName } from '../../inference/inference-client';
import { useAppStore } from '../../state/store';

const CHOICES: readonly { value: BackendName | 'auto'; label: string }[] = [
  { value: 'auto', label: 'Automatic (fastest available)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WebAssembly (WASM)' },
  { value: 'cpu', label: 'Plain JavaScript (CPU)' },
];

const isChoice = (v: string): v is BackendName | 'auto' => CHOICES.some((c) => c.value === v);

export function BackendSetting() {
  const id = useId();
  const client = useAppStore((s) => s.client);
  const status = useAppStore((s) => s.modelStatus);
  const loadModel = useAppStore((s) => s.loadModel);
  // A forced backend is reported as 'forced' by the backend choice; otherwise the choice was automatic.
  const forced = useAppStore((s) => s.modelInfo?.reasons.find((r) => r.status === 'forced')?.backend);
  // What the user picked last (shown while that load runs); before any pick, what the page runs.
  const [picked, setPicked] = useState<BackendName | 'auto' | null>(null);
  const value = picked ?? forced ?? 'auto';

  const change = (next: string) => {
    if (!client || !isChoice(next)) return;
    setPicked(next);
    const backend = next === 'auto' ? null : next;
    const url = new URL(window.location.href);
    if (backend) url.searchParams.set('backend', backend);
    else url.searchParams.delete('backend');
    window.history.replaceState(window.history.state, '', url);
    void loadModel(client, { modelUrl: new URL(MODEL_PATH, document.baseURI).href, backend });
  };

  return (
    <p>
      <label htmlFor={id}>Backend</label>{' '}
      <select
        id={id}
        value={value}
        disabled={!client || status === 'loading'}
        onChange={(e) => change(e.target.value)}
      >
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </p>
  );
}
