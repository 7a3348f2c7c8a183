import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CompatibleServerOptions {
  /** Milliseconds between streamed chunks. */
  tokenDelayMs?: number;
  /** Words the assistant answers with. */
  reply?: string;
  /** Answer every request with this HTTP status instead. */
  failWith?: number;
}

/**
 * A small server speaking the OpenAI chat-completions wire format (JSON and SSE streaming), so the
 * real `openai` provider can be driven slowly or into failure from a test.
 */
export async function startCompatibleServer(opts: CompatibleServerOptions = {}) {
  const state = { ...opts, requests: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      state.requests++;
      if (state.failWith) {
        res.writeHead(state.failWith, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'engine is down', type: 'server_error' } }));
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
