/** A button that copies a value to the clipboard and says so (or says why it could not). */
import { useState } from 'react';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    const done = (ok: boolean) => {
      setState(ok ? 'copied' : 'failed');
      setTimeout(() => setState('idle'), 2000);
    };
    if (!navigator.clipboard) return done(false);
    navigator.clipboard.writeText(value).then(
      () => done(true),
      () => done(false),
    );
  };
  return (
    <button type="button" className="copy-button" aria-label={label} onClick={copy}>
      <code>{value}</code>{' '}
      <span aria-live="polite">
        {state === 'copied' ? 'copied' : state === 'failed' ? 'select and copy' : 'copy'}
      </span>
    </button>
  );
}
