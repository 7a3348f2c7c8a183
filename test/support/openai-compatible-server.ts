import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';

export interface CompatibleServerOptions {
  /** Milliseconds between streamed chunks. */
  tokenDelayMs?: number;
  /** Words the assistant answers with. */
  reply?: string;
  /** Answer every request with this HTTP status instead. */
  failWith?: number;
  /** POST /audio/speech with response_format pcm: this 24 kHz PCM16, streamed in `speechChunks` pieces `tokenDelayMs` apart. */
  speechPcm?: Buffer;
  speechChunks?: number;
  /** POST /audio/transcriptions (multipart): the text heard. */
  transcript?: string;
}

/** The named parts of a multipart/form-data body. */
function multipartFields(body: Buffer, contentType: string): Record<string, { filename?: string; data: Buffer }> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!m) return {};
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Record<string, { filename?: string; data: Buffer }> = {};
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd).toString();
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (name) parts[name] = { filename: /filename="([^"]*)"/.exec(head)?.[1], data: part.subarray(headerEnd + 4) };
    pos = next;
  }
  return parts;
}

/**
 * A small server speaking the OpenAI wire formats: chat completions (JSON and SSE streaming), speech (a PCM body
 * streamed in pieces) and transcription (multipart upload), so the real `openai` provider can be driven slowly or
 * into failure from a test. `state.paths` lists the paths asked, `state.uploads` the transcription uploads.
 */
export async function startCompatibleServer(opts: CompatibleServerOptions = {}) {
  const state = {
    ...opts,
    requests: 0,
    paths: [] as string[],
    authorizations: [] as (string | undefined)[],
    uploads: [] as { model: string; file: Buffer; filename?: string }[],
    speechRequests: [] as Record<string, unknown>[],
  };
  const server = http.createServer((req, res) => {
    const raw: Buffer[] = [];
    req.on('data', (c: Buffer) => raw.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(raw).toString();
      state.requests++;
      state.paths.push(req.url ?? '');
      state.authorizations.push(req.headers.authorization);
      if (state.failWith) {
        res.writeHead(state.failWith, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'engine is down', type: 'server_error' } }));
        return;
      }
      if (req.url?.endsWith('/audio/speech') && state.speechPcm) {
        const request = JSON.parse(body) as Record<string, unknown>;
        state.speechRequests.push(request);
        res.writeHead(200, { 'content-type': 'audio/pcm' });
        const pcm = state.speechPcm;
        const pieces = Math.max(1, state.speechChunks ?? 4);
        // Odd piece sizes: a sample may be split between two pieces, as on a real network.
        const step = Math.ceil(pcm.length / pieces) | 1;
        for (let at = 0; at < pcm.length; at += step) {
          res.write(pcm.subarray(at, at + step));
          await new Promise((r) => setTimeout(r, state.tokenDelayMs ?? 0));
        }
        res.end();
        return;
      }
      if (req.url?.endsWith('/audio/transcriptions') && state.transcript !== undefined) {
        const fields = multipartFields(Buffer.concat(raw), String(req.headers['content-type']));
        state.uploads.push({
          model: fields.model?.data.toString() ?? '',
          file: fields.file?.data ?? Buffer.alloc(0),
          filename: fields.file?.filename,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ text: state.transcript, language: 'english', duration: 1.5 }));
        return;
      }
      if (!req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body) as { model: string; stream?: boolean; messages: { content: string }[] };
      const words = (state.reply ?? 'I hear you, and I am thinking about what you said with care').split(' ');
      const id = `chatcmpl-${state.requests}`;
      const usage = { prompt_tokens: 12, completion_tokens: words.length, total_tokens: 12 + words.length };
      if (!request.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id,
            object: 'chat.completion',
            created: 0,
            model: request.model,
            choices: [{ index: 0, message: { role: 'assistant', content: words.join(' ') }, finish_reason: 'stop' }],
            usage,
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      let closed = false;
      res.on('close', () => (closed = true));
      for (let i = 0; i < words.length && !closed; i++) {
        await new Promise((r) => setTimeout(r, state.tokenDelayMs ?? 0));
        res.write(chunk({ content: (i ? ' ' : '') + words[i] }, null));
      }
      if (closed) return;
      res.write(chunk({}, 'stop'));
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: request.model, choices: [], usage })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The `ai` settings of `config` with chat sent to a compatible server at `baseUrl`, without retries. */
export function chatThrough(config: Config, baseUrl: string): Pick<Config, 'ai'> {
  return {
    ai: {
      ...config.ai,
      providers: { ...config.ai.providers, chat: 'openai' },
      openai: { baseUrl, apiKey: 'test-key' },
      maxRetries: 0,
      timeoutMs: 5000,
    },
  };
}
