import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Backend {
  name: string;
  port: number;
}

/** Which backend a kind of traffic goes to: round robin over the healthy ones, or one by name while it is healthy. */
export type Route = 'round-robin' | string;

interface BackendState extends Backend {
  healthy: boolean;
  failedChecks: number;
  /** Client and upstream sockets of WebSockets forwarded to this backend, open now. */
  tunnels: Set<Tunnel>;
}

interface Tunnel {
  n: number;
  client: Duplex;
  upstream: net.Socket;
}

export interface ProxyLogEntry {
  kind: 'http' | 'websocket';
  method: string;
  path: string;
  backend: string;
  status?: number;
  /** The WebSocket's number (0 for the first one forwarded), for `cutWebSocket`. */
  websocket?: number;
}

/**
 * A small load balancer on 127.0.0.1 for scale-out tests, doing what the deployment's proxy does:
 * HTTP forwarding, WebSocket upgrade forwarding, active health checks on `/ready`, and a failed
 * connect marks the backend down and tries the next one. It can also cut every WebSocket open to a
 * backend, as a proxy does when the instance behind it goes away.
 */
export class ScaleProxy {
  readonly log: ProxyLogEntry[] = [];
  route: { http: Route; websocket: Route } = { http: 'round-robin', websocket: 'round-robin' };
  private readonly backends: BackendState[];
  private next = 0;
  private websockets = 0;
  private healthTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly server: http.Server,
    backends: Backend[],
  ) {
    this.backends = backends.map((b) => ({ ...b, healthy: true, failedChecks: 0, tunnels: new Set() }));
    server.on('request', (req, res) => this.forwardRequest(req, res));
    server.on('upgrade', (req, socket, head) => this.forwardUpgrade(req, socket, head));
  }

  static async start(backends: Backend[], opts: { healthIntervalMs?: number } = {}): Promise<ScaleProxy> {
    const server = http.createServer();
    const proxy = new ScaleProxy(server, backends);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    if (opts.healthIntervalMs) {
      proxy.healthTimer = setInterval(() => void proxy.checkHealth(), opts.healthIntervalMs);
      proxy.healthTimer.unref();
    }
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  healthy(name: string): boolean {
    return this.find(name).healthy;
  }

  /** WebSockets open through the proxy to this backend now. */
  openWebSockets(name: string): number {
    return this.find(name).tunnels.size;
  }

  /** Closes every WebSocket forwarded to the backend, on both sides, as when the instance behind it is gone. */
  cutWebSockets(name: string): number {
    const backend = this.find(name);
    const cut = backend.tunnels.size;
    for (const { client, upstream } of backend.tunnels) {
      upstream.destroy();
      client.destroy();
    }
    backend.tunnels.clear();
    return cut;
  }

  /** Closes one forwarded WebSocket (by its number in the log), on both sides; the others stay open. */
  cutWebSocket(n: number): void {
    for (const backend of this.backends) {
      for (const tunnel of backend.tunnels) {
        if (tunnel.n !== n) continue;
        backend.tunnels.delete(tunnel);
        tunnel.upstream.destroy();
        tunnel.client.destroy();
        return;
      }
    }
    throw new Error(`no open WebSocket number ${n}`);
  }

  /**
   * One round of active health checks: GET /ready on every backend. A refused connection marks it down at
   * once; a slow or non-200 answer only on the second in a row (a loaded machine must not empty the pool).
   */
  async checkHealth(): Promise<void> {
    await Promise.all(
      this.backends.map(async (b) => {
        try {
          const res = await fetch(`http://127.0.0.1:${b.port}/ready`, { signal: AbortSignal.timeout(5000) });
          await res.body?.cancel();
          b.failedChecks = res.status === 200 ? 0 : b.failedChecks + 1;
        } catch (err) {
          const refused = (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
          b.failedChecks = refused ? 2 : b.failedChecks + 1;
        }
        b.healthy = b.failedChecks < 2;
      }),
    );
  }

  async close(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    for (const b of this.backends) this.cutWebSockets(b.name);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private find(name: string): BackendState {
    const backend = this.backends.find((b) => b.name === name);
    if (!backend) throw new Error(`no backend named ${name}`);
    return backend;
  }

  /** The backends to try, in order: the routed one first, then the other healthy ones. */
  private candidates(route: Route): BackendState[] {
    const healthy = this.backends.filter((b) => b.healthy);
    if (route !== 'round-robin') {
      const pinned = healthy.find((b) => b.name === route);
      if (pinned) return [pinned, ...healthy.filter((b) => b !== pinned)];
    }
    if (healthy.length === 0) return [];
    const start = this.next++ % healthy.length;
    return [...healthy.slice(start), ...healthy.slice(0, start)];
  }

  /** Reads the request body first (test bodies are small), so a request refused by one backend can go whole to another. */
  private forwardRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.send(req, Buffer.concat(chunks), res, []));
  }

  private send(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, tried: BackendState[]): void {
    const backend = this.candidates(this.route.http).find((b) => !tried.includes(b));
    if (!backend) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no healthy backend');
      return;
    }
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
      },
      (upRes) => {
        this.log.push({ kind: 'http', method: req.method!, path: req.url!, backend: backend.name, status: upRes.statusCode });
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      // A backend that refuses the connection saw nothing of the request, so it can go to another one.
      if (err.code === 'ECONNREFUSED' && !res.headersSent) {
        backend.healthy = false;
        backend.failedChecks = 2;
        return this.send(req, body, res, [...tried, backend]);
      }
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`backend ${backend.name}: ${err.code}`);
      else res.destroy();
    });
    upstream.end(body);
  }

  private forwardUpgrade(req: http.IncomingMessage, client: Duplex, head: Buffer, tried: BackendState[] = []): void {
    const backend = this.candidates(this.route.websocket).find((b) => !tried.includes(b));
    if (!backend) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(backend.port, '127.0.0.1');
    let connected = false;
    const tunnel: Tunnel = { n: -1, client, upstream };
    upstream.once('connect', () => {
      connected = true;
      tunnel.n = this.websockets++;
      this.log.push({ kind: 'websocket', method: req.method!, path: req.url!, backend: backend.name, websocket: tunnel.n });
      backend.tunnels.add(tunnel);
      const headers = Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]));
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      backend.tunnels.delete(tunnel);
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && err.code === 'ECONNREFUSED') {
        backend.healthy = false;
        backend.failedChecks = 2;
        this.forwardUpgrade(req, client, head, [...tried, backend]);
        return;
      }
      end();
    });
    upstream.on('close', () => {
      if (connected) end();
    });
    client.on('error', end);
    client.on('close', () => {
      if (connected) end();
    });
  }
}
