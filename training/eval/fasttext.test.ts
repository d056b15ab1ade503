import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastTextLine, predictFastText, trainFastText } from './fasttext';

describe('fastText peer', () => {
  it('never writes an empty line', () => {
    expect(fastTextLine([])).toBe('<empty>');
    expect(fastTextLine(['a\nb', 'c'])).toBe('a b c');
  });

  it('trains and predicts a separable toy set through the real CLI', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ft-'));
    const rows = [];
    for (let i = 0; i < 60; i++) {
      rows.push({ label: 'el', tokens: ['usb', 'charger', `cable${i % 5}`] });
      rows.push({ label: 'fb', tokens: ['organic', 'tea', `leaf${i % 5}`] });
    }
    const model = trainFastText(rows, dir, 'toy', {
      dim: 8,
      wordNgrams: 1,
      minn: 0,
      maxn: 0,
      epoch: 20,
      lr: 0.5,
      thread: 1,
    });
    const { predictions } = predictFastText(
      model,
      [
        ['usb', 'charger'],
        ['organic', 'tea'],
      ],
      dir,
      2,
    );
    expect(predictions.map((p) => p.labels[0])).toEqual(['el', 'fb']);
    expect(predictions[0]!.probs[0]).toBeGreaterThan(0.5);
  });
});
