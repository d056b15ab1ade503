/**
 * Typing benchmark (issue 6: "no main-thread task over 50 ms while typing"), in headless Chromium
 * against the production build on the WASM backend: with the model ready and suggestions shown, a
 * user types four bursts into the listing box, each followed by a pause in which the suggestions
 * for it arrive and render. A PerformanceObserver('longtask') on the page records every main-thread
 * task over 50 ms from the first key to the last result rendered. Measures only: the target is
 * printed by bench/report.mjs, never asserted.
 *
 * The observer sees wall time; on a machine shared with training runs a task also waits for a
 * core. So the same window is traced (Chromium's `toplevel` + timeline categories, light) and
 * every main-thread task over 50 ms is listed with its thread CPU time and what ran in it: a task
 * long in CPU is the page's work, one long only in wall time is the machine's load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../training/paths';

const TMP = path.join(PROJECT_ROOT, 'bench', 'tmp');
/** What the user starts from (suggestions already shown) and then types, burst by burst. */
const SEED = 'Stainless steel';
const BURSTS = [' water bottle', ' with straw lid', ' 750ml for kids', ' 保温杯 户外'];
/** A brisk typist: one key every 60 ms; then a pause long enough for the suggestions to land. */
const KEY_DELAY_MS = 60;
const PAUSE_MS = 800;
/** Runs of the whole session; the figures are over all of them. */
const RUNS = 3;

interface LongTaskWindow {
  __longTasks?: { start: number; ms: number }[];
  __longTaskObserver?: PerformanceObserver;
}

/** Trace categories: task boundaries with thread time (toplevel) and what ran (timeline). */
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline'];
const LONG_MS = 50;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; chrome_mojo_event_info?: { mojo_interface_tag?: string } };
}
interface TracedTask {
  wallMs: number;
  cpuMs: number;
  /** The longest event inside the task (TimerFire, FunctionCall, Paint, MajorGC, ...). */
  what: string;
  /** A DevTools-protocol call of the test driver (Playwright's locators), not the page's work. */
  driver?: true;
}

/** Playwright drives the page over this interface; its calls run as main-thread tasks too. */
const DRIVER_MOJO = 'blink.mojom.DevToolsSession';

/**
 * Main-thread (CrRendererMain) tasks over LONG_MS of wall or CPU time, from a Chromium trace, and
 * the most CPU time any task of the page took (the driver's protocol calls left out).
 */
function longTasksInTrace(json: string): { tasks: TracedTask[]; maxCpuMs: number } {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = (e: TraceEvent) => mains.some((m) => m.pid === e.pid && m.tid === e.tid);
  const all = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && onMain(e))
    .sort((a, b) => a.ts - b.ts);
  const runs = all.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  let maxCpuMs = 0;
  const tasks: TracedTask[] = [];
  for (const r of runs) {
    const wallMs = (r.dur ?? 0) / 1000;
    const cpuMs = (r.tdur ?? 0) / 1000;
    const end = r.ts + (r.dur ?? 0);
    const inner: TraceEvent[] = [];
    // Events are sorted by start: binary-search the task's start, then walk to its end.
    let lo = 0;
    for (let hi = all.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if ((all[mid]?.ts ?? 0) < r.ts) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < all.length; i++) {
      const e = all[i];
      if (!e || e.ts > end) break;
      if (e !== r && e.ts + (e.dur ?? 0) <= end && !e.name.includes('RunTask')) inner.push(e);
    }
    const driver = inner.some((e) => e.args?.chrome_mojo_event_info?.mojo_interface_tag === DRIVER_MOJO);
    if (!driver) maxCpuMs = Math.max(maxCpuMs, cpuMs);
    if (wallMs <= LONG_MS && cpuMs <= LONG_MS) continue;
    const top = inner.reduce<TraceEvent | undefined>(
      (a, e) => (!a || (e.dur ?? 0) > (a.dur ?? 0) ? e : a),
      undefined,
    );
    tasks.push({
      wallMs: Math.round(wallMs),
      cpuMs: Math.round(cpuMs),
      what: top ? `${top.name} ${Math.round((top.dur ?? 0) / 1000)} ms` : 'unknown',
      ...(driver ? { driver: true as const } : {}),
    });
  }
  return { tasks, maxCpuMs: Math.round(maxCpuMs) };
}

test('typing in the listing box: main-thread long tasks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?backend=wasm');
  const box = page.getByLabel('Product listing');
  const longTasks: number[] = [];
  const perRun: number[] = [];
  const traced: TracedTask[] = [];
  let maxCpuMs = 0;
  const browser = page.context().browser();
  for (let run = 0; run < RUNS; run++) {
    await box.fill(SEED);
    await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', SEED, { timeout: 120_000 });
    await page.waitForTimeout(PAUSE_MS);
    await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow;
      w.__longTasks = [];
      // One observer per run, disconnected when the run's tasks are read (an observer left over
      // from an earlier run would count every task again).
      w.__longTaskObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks?.push({ start: e.startTime, ms: e.duration });
      });
      w.__longTaskObserver.observe({ type: 'longtask' });
    });
    await browser?.startTracing(page, { categories: TRACE_CATEGORIES });
    let text = SEED;
    for (const burst of BURSTS) {
      await box.pressSequentially(burst, { delay: KEY_DELAY_MS });
      text += burst;
      await expect(page.getByTestId('suggestions')).toHaveAttribute('data-for', text);
      await page.waitForTimeout(PAUSE_MS);
    }
    const tasks = await page.evaluate(() => {
      const w = window as unknown as LongTaskWindow;
      // Entries still queued are delivered by takeRecords, not the callback, once disconnected.
      for (const e of w.__longTaskObserver?.takeRecords() ?? [])
        w.__longTasks?.push({ start: e.startTime, ms: e.duration });
      w.__longTaskObserver?.disconnect();
      return w.__longTasks ?? [];
    });
    const trace = await browser?.stopTracing();
    if (trace) {
      const t = longTasksInTrace(trace.toString('utf8'));
      traced.push(...t.tasks);
      maxCpuMs = Math.max(maxCpuMs, t.maxCpuMs);
    }
    longTasks.push(...tasks.map((t) => Math.round(t.ms)));
    perRun.push(tasks.length);
  }
  expect(errors).toEqual([]);
  const keys = BURSTS.join('').length;
  const typing = {
    how: `${RUNS} runs of ${BURSTS.length} bursts (${keys} keys, one per ${KEY_DELAY_MS} ms, ${PAUSE_MS} ms pause for the suggestions to render), wasm backend; PerformanceObserver('longtask') on the page`,
    keys: keys * RUNS,
    longTasks: longTasks.length,
    longTasksPerRun: perRun,
    longTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0,
    longTasksMs: longTasks,
    target: { longTaskMaxMs: LONG_MS },
    // Thread CPU time of the same window's main-thread tasks (trace): what the page itself costs.
    cpu: {
      how: `Chromium trace (${TRACE_CATEGORIES.join(', ')}) of the same windows: main-thread tasks with their wall and thread CPU time`,
      maxTaskCpuMs: maxCpuMs,
      tasksOverLongCpu: traced.filter((t) => !t.driver && t.cpuMs > LONG_MS).length,
      tracedLongTasks: traced,
    },
    load: os.loadavg().map((l) => Math.round(l * 10) / 10),
  };
  mkdirSync(TMP, { recursive: true });
  writeFileSync(path.join(TMP, 'typing.json'), JSON.stringify({ typing }, null, 2));
  console.log(JSON.stringify(typing));
});
