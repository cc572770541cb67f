// Preloaded (`node --import`) into every process the benchmark times: on exit it writes the process's own CPU
// time and peak RSS (getrusage of the whole process: every thread, start-up included) to the file named by
// KENSA_BENCH_USAGE_FILE, so the parent can read them for a child it did not run in-process.
import { writeFileSync } from 'node:fs';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: the bench harness sets it for its own children; no turbo task reads it
const file = process.env.KENSA_BENCH_USAGE_FILE;
if (file !== undefined) {
  process.once('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        peakRssMb: usage.maxRSS / 1024,
      }),
    );
  });
}
