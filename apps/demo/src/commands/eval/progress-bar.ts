import type { EvaluationEvent } from '@kensa/runner';
import { Presets, SingleBar } from 'cli-progress';
import type { Io } from '../../io';

/** The bar is redrawn at most this often: a run served from the cache finishes thousands of items a second. */
const redrawMs = 50;

/** A retry wait at least this long is announced, so a long `Retry-After` is never a silent pause. */
const longWaitMs = 10_000;

function describeWait(event: Extract<EvaluationEvent, { type: 'retry' }>): string {
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  const wait = `kensa: ${event.itemId}: ${event.reason}; waiting ${seconds(event.delayMs)} before attempt ${event.attempt + 1}`;
  if (event.retryAfterMs === undefined) return `${wait}.`;
  if (event.retryAfterMs > event.delayMs)
    return `${wait}: the server asked for ${seconds(event.retryAfterMs)} (Retry-After), Kensa waits at most ${seconds(event.delayMs)}.`;
  return `${wait}, as the server asked (Retry-After).`;
}

/**
 * A progress bar on stderr (done/total, rate, ETA, failures). On a terminal it redraws in place; elsewhere
 * (CI logs, pipes) it prints a plain line every few seconds.
 */
export function createProgressBar(io: Io, label: string) {
  const stream = { write: (text: string) => io.stderr(text), isTTY: io.isTty, columns: 100 };
  const bar = new SingleBar(
    {
      // cli-progress writes to any object with `write` and `isTTY`.
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${label} {bar} {value}/{total} {percentage}% · {rate}/s · ETA {remaining} · {failed} failed`,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      hideCursor: io.isTty,
      etaBuffer: 200,
    },
    Presets.shades_classic,
  );
  let started = 0;
  let done = 0;
  let failed = 0;
  let firstDone = 0;
  let lastWaitNotice = Number.NEGATIVE_INFINITY;
  let lastRedraw = Number.NEGATIVE_INFINITY;
  let total = 0;
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    const answered = done - firstDone;
    const rate = seconds > 0 ? answered / seconds : 0;
    return {
      failed,
      rate: rate.toFixed(1),
      remaining: answered === 0 || rate === 0 ? '–' : formatDuration((total - done) / rate),
    };
  };
  return {
    onEvent(event: EvaluationEvent) {
      if (event.type === 'start') {
        started = performance.now();
        done = event.alreadyDone;
        firstDone = done;
        total = event.total;
        bar.start(event.total, done, payload());
      } else if (event.type === 'record') {
        done++;
        if (event.record.status === 'error') failed++;
        const now = performance.now();
        if (now - lastRedraw < redrawMs && done < total) return;
        lastRedraw = now;
        bar.update(done, payload());
      } else if (event.type === 'notice') {
        io.stderr(`\n${event.message}\n`);
      } else if (event.type === 'retry' && event.delayMs >= longWaitMs) {
        // Many requests wait at once behind one rate limit: say it once every so often, not per request.
        const now = performance.now();
        if (now - lastWaitNotice < longWaitMs) return;
        lastWaitNotice = now;
        io.stderr(`\n${describeWait(event)}\n`);
      }
    },
    stop() {
      // Show the last count even when it fell inside a redraw interval (a run that stopped early).
      if (started > 0) bar.update(done, payload());
      bar.stop();
    },
  };
}

/** Seconds as `45s`, `3m07s` or `1h02m`: rounded once, so there is never a `58m60s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}
