import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RecordedRequest {
  method: string;
  url: string;
  host: string;
  headers: IncomingMessage['headers'];
}

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Serve `body` at `path` instead of the file tree (later calls replace earlier ones). */
  route(
    path: string,
    body: string | Buffer,
    contentType?: string,
    headers?: Record<string, string>,
  ): void;
  unroute(path: string): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 serving `root` plus routes a test sets at run time. */
export async function startFixtureServer(root: string): Promise<FixtureServer> {
  const routes = new Map<
    string,
    { body: string | Buffer; type: string; headers: Record<string, string> }
  >();
  const requests: RecordedRequest[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    requests.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      host: request.headers.host ?? '',
      headers: request.headers,
    });
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const routed = routes.get(path);
    if (routed) {
      const etag = routed.headers.ETag ?? routed.headers.etag;
      if (etag && request.headers['if-none-match'] === etag) {
        response.writeHead(304, { ETag: etag }).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': routed.type, ...routed.headers }).end(routed.body);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>');
    }
  };
  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    route(path, body, contentType = 'text/html; charset=utf-8', headers = {}) {
      routes.set(path, { body, type: contentType, headers });
    },
    unroute(path) {
      routes.delete(path);
    },
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
