// The WebSocket both the browser's class and the `ws` package give: what the realtime and voice clients use of it.

export interface SocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string | ArrayBuffer | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket class: the browser's `WebSocket`, or `WebSocket` from the `ws` package on Node.js 20. */
export type WebSocketConstructor = abstract new (url: string) => object;

export const SOCKET_OPEN = 1;

export function openSocket(Socket: WebSocketConstructor | undefined, url: string): SocketLike {
  const Ctor = (Socket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket) as (new (url: string) => SocketLike) | undefined;
  if (!Ctor) throw new Error('No WebSocket class: pass one (on Node.js 20, WebSocket from the ws package)');
  return new Ctor(url);
}

/** `https://host/base` → `wss://host/base/v1/<path>`; a relative base resolves against the page the code runs in. */
export function socketUrl(baseUrl: string, path: string): string {
  const base = /^[a-z]+:\/\//i.test(baseUrl)
    ? baseUrl
    : new URL(baseUrl || '/', (globalThis as { location?: { href: string } }).location?.href).href;
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : url.protocol;
  return url.href;
}
