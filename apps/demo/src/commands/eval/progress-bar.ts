import type { EvaluationEvent } from '@kensa/runner';
import { Presets, SingleBar } from 'cli-progress';
import type { Io } from '../../io';

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
      format: `${label} {bar} {value}/{total} {percentage}% · {rate}/s · ETA {eta_formatted} · {failed} failed`,
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
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    return { failed, rate: seconds > 0 ? ((done - firstDone) / seconds).toFixed(1) : '0.0' };
  };
  return {
    onEvent(event: EvaluationEvent) {
      if (event.type === 'start') {
        started = performance.now();
        done = event.alreadyDone;
        firstDone = done;
        bar.start(event.total, done, payload());
      } else if (event.type === 'record') {
        done++;
        if (event.record.status === 'error') failed++;
        bar.update(done, payload());
      }
    },
    stop() {
      bar.stop();
    },
  };
}
