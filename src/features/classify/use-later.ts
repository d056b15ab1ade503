/**
 * A value that follows its input a few macrotasks later: one expensive update (two recharts
 * charts) split into several main-thread tasks, so no single task blocks input for long.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * `value` as of `tasks` (at least 1) macrotasks after the render that brought it, each hop a
 * setTimeout(0) so the browser can handle input and paint in between; undefined until the first
 * value arrives, so a mount is split too. A newer value meanwhile supersedes the pending one.
 *
 * The switch is rendered with flushSync inside its own task: recharts 3 updates its internal
 * store from effects, and those updates render synchronously anyway; pinning the whole update
 * (render, commit, effects) to this task keeps two components with different `tasks` from ever
 * being batched into one long task.
 */
export function useLater<T>(value: T, tasks: number): T | undefined {
  const [later, setLater] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let left = Math.max(1, tasks);
    const hop = () => {
      timer = setTimeout(() => {
        if (--left > 0) hop();
        else flushSync(() => setLater({ value }));
      });
    };
    hop();
    return () => clearTimeout(timer);
  }, [value, tasks]);
  return later?.value;
}
