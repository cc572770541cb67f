// What every section of `npm run bench` shares: the mock server, timing whole child processes (wall time from
// spawn to exit, the child's own CPU time and peak RSS), medians with their spread, and table rows.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(root, 'apps/demo/dist/cli.js');
const usagePreload = pathToFileURL(path.join(root, 'bench/process-usage.mjs')).href;

/** Starts the in-repo mock OpenAI-compatible server in its own process; `stop()` ends it. */
export async function startMockServer(args = []) {
  const server = spawn(process.execPath, [path.join(root, 'packages/testing/dist/bin.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseURL = await new Promise((resolve, reject) => {
    server.stdout.once('data', (chunk) => resolve(chunk.toString().trim()));
    server.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
  });
  return {
    baseURL,
    stop: () =>
      new Promise((resolve) => {
        server.once('exit', resolve);
        server.kill('SIGTERM');
      }),
  };
}

/** A scratch folder, removed by `dispose()`. */
export function scratchDir(prefix = 'kensa-bench-') {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `node <args>` to completion and measures the whole process: wall time from spawn to exit, and the child's
 * CPU time and peak RSS as it reports them on exit. Throws with its stderr when it exits non-zero (or with a code
 * not in `okCodes`).
 */
export async function measureProcess(args, { env = {}, cwd = root, okCodes = [0] } = {}) {
  const scratch = scratchDir('kensa-bench-usage-');
  const usageFile = path.join(scratch.dir, 'usage.json');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', usagePreload, ...args], {
      cwd,
      env: { ...process.env, ...env, KENSA_BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const code = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    const wallMs = performance.now() - started;
    const output = Buffer.concat(stdout).toString('utf8');
    if (!okCodes.includes(code)) {
      throw new Error(
        `node ${args.join(' ')} exited with ${code}:\n${Buffer.concat(stderr).toString('utf8').slice(-2000)}`,
      );
    }
    const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
    return { wallMs, cpuMs: usage.cpuMs, peakRssMb: usage.peakRssMb, stdout: output };
  } finally {
    scratch.dispose();
  }
}

/** Median of numbers (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Medians over repeated measurements, each with its min–max spread. */
export function summarize(measurements) {
  const field = (name) => {
    const values = measurements.map((measurement) => measurement[name]);
    return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
  };
  return {
    runs: measurements.length,
    wallMs: field('wallMs'),
    cpuMs: field('cpuMs'),
    peakRssMb: field('peakRssMb'),
  };
}

const seconds = (ms) => (ms / 1000).toFixed(2);

/** "1.23 s (1.20–1.31)": a median with its spread. */
export function formatSeconds(stat) {
  return `${seconds(stat.median)} s (${seconds(stat.min)}–${seconds(stat.max)})`;
}

/** Prints a Markdown table (it reads as well in a terminal as in the README). */
export function printTable(head, rows) {
  const widths = head.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
