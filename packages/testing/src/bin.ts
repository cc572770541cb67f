import { parseCliArgs, usage } from './cli-args';
import { createMockServer } from './mock-server';

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const server = await createMockServer(command.options);
  process.stdout.write(`${server.baseURL}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`kensa-mock-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
