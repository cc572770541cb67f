import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A scripted answer: a status (with headers and body), `hang` (never answer) or `destroy` (drop the socket). */
export type ScriptedAnswer =
  | { status: number; headers?: Record<string, string>; body?: string }
  | 'hang'
  | 'destroy';

export interface ServeDirectoryOptions {
  /**
   * Called before a request is served from the folder; `count` is how often this path has been asked for,
   * this request included. Return an answer to send it instead of the file, or undefined to serve the file.
   */
  script?: (request: { path: string; count: number }) => ScriptedAnswer | undefined;
}

export interface ServedDirectory {
  /** Base address without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Every request path received, in order. */
  readonly requests: readonly string[];
  /** How often one path was requested. */
  count(requestPath: string): number;
  close(): Promise<void>;
}

/** A static file server on 127.0.0.1 for tests: `GET /a/b.txt` answers `<root>/a/b.txt`, or 404. */
export async function serveDirectory(
  root: string,
  options: ServeDirectoryOptions = {},
): Promise<ServedDirectory> {
  const requests: string[] = [];
  const count = (requestPath: string) => requests.filter((entry) => entry === requestPath).length;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const requestPath = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.push(requestPath);
    const answer = options.script?.({ path: requestPath, count: count(requestPath) });
    if (answer === 'hang') {
      return;
    }
    if (answer === 'destroy') {
      request.socket.destroy();
      return;
    }
    if (answer !== undefined) {
      response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      return;
    }
    void serveFile(root, requestPath, response);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hanging connections would otherwise hold `close` open.
        server.closeAllConnections();
      }),
  };
}

async function serveFile(root: string, requestPath: string, response: ServerResponse): Promise<void> {
  const file = path.resolve(root, `.${requestPath}`);
  const inside = file.startsWith(path.resolve(root) + path.sep);
  const info = inside ? await stat(file).catch(() => undefined) : undefined;
  if (!info?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': info.size });
  createReadStream(file).pipe(response);
}
