import module from 'node:module';
import { processIo } from './io';
import { main } from './main';

// Node ≥ 22.1 can keep the compiled code of the commands' modules between runs (no-op where it cannot).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `kensa list | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), processIo);
