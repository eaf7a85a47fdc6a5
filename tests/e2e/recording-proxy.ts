import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ProxiedRequest {
  /** `CONNECT` for tunnels, whose content the proxy cannot see (and only opens to loopback). */
  method: string;
  /** Absolute URL as the browser asked for it (`host:port` for CONNECT). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** True when the proxy refused it: a host that is not served from 127.0.0.1. */
  refused: boolean;
}

export interface RecordingProxy {
  port: number;
  /** Chromium switches that send every request, loopback included, through this proxy. */
  chromiumArgs: string[];
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy that records every request a browser makes and forwards only those for `hosts`
 * (names a test maps to 127.0.0.1) to 127.0.0.1, on the port the URL names. Anything else is
 * answered 403 and recorded as refused, so nothing leaves the machine whatever the browser does.
 */
export async function startRecordingProxy(hosts: readonly string[]): Promise<RecordingProxy> {
  const local = new Set(['127.0.0.1', 'localhost', ...hosts.map((host) => host.toLowerCase())]);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();

  const readBody = (incoming: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve(Buffer.concat(chunks)));
      incoming.on('error', reject);
    });

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      let target: URL | null = null;
      try {
        target = new URL(incoming.url ?? '');
      } catch {
        // Origin-form: someone spoke to the proxy as if it were a server.
      }
      const allowed = target !== null && target.protocol === 'http:' && local.has(target.hostname);
      requests.push({
        method: incoming.method ?? 'GET',
        url: target?.href ?? incoming.url ?? '',
        headers: incoming.headers,
        body: body.toString('utf8'),
        refused: !allowed,
      });
      if (!allowed || target === null) {
        outgoing.writeHead(403, { 'Content-Type': 'text/plain' }).end('refused by test proxy');
        return;
      }
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(target.port || 80),
          method: incoming.method,
          path: `${target.pathname}${target.search}`,
          headers: { ...incoming.headers, connection: 'close' },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      upstream.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
      });
      upstream.end(body);
    })();
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('connect', (incoming: IncomingMessage, client: Socket, head: Buffer) => {
    const [hostname = '', port = '443'] = (incoming.url ?? '').split(/:(?=\d+$)/);
    const allowed = local.has(hostname.toLowerCase());
    requests.push({
      method: 'CONNECT',
      url: incoming.url ?? '',
      headers: incoming.headers,
      body: '',
      refused: !allowed,
    });
    if (!allowed) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    chromiumArgs: [
      `--proxy-server=http://127.0.0.1:${port}`,
      // Chromium never proxies loopback unless told to; the fixture server lives there.
      '--proxy-bypass-list=<-loopback>',
    ],
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
