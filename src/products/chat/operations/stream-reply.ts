import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { streamEvents, wantsEventStream } from '../../../core/http/sse.js';
import { messageView } from '../conversations.js';
import { generateReply } from '../replies.js';
import type { ReplyStreams } from '../reply-streams.js';
import type { Exchange, ReplyStreamEvents } from '../contract.js';
import type { PendingReply } from './pending-reply.js';

/** Answers a pending reply: JSON once the reply is stored, or Server-Sent Events while it is written. */
export async function streamReply(
  core: ProductContext,
  streams: ReplyStreams,
  request: FastifyRequest,
  reply: FastifyReply,
  pending: PendingReply,
): Promise<FastifyReply> {
  const controller = new AbortController();
  const release = streams.start(pending.userMessage.conversationId, controller);
  try {
    if (!wantsEventStream(request)) {
      const assistant = await writeReply(core, pending, controller.signal);
      const exchange: Exchange = { userMessage: messageView(pending.userMessage), assistantMessage: messageView(assistant) };
      return await reply.status(201).send(exchange);
    }
    return await streamEvents(request, reply, async (stream) => {
      stream.signal.addEventListener('abort', () => controller.abort());
      const send = <E extends keyof ReplyStreamEvents>(event: E, data: ReplyStreamEvents[E]) => stream.send(event, data);
      send('message', messageView(pending.userMessage));
      const assistant = await writeReply(core, pending, controller.signal, (delta) => send('token', { delta }));
      send('done', messageView(assistant));
    });
  } finally {
    release();
  }
}

/** The reply, stored; a failure names the user message, which is kept, so the client can retry it. */
async function writeReply(core: ProductContext, pending: PendingReply, signal: AbortSignal, onToken?: (delta: string) => void) {
  try {
    return await generateReply(core, pending.userId, pending.userMessage, { signal, onToken, replaces: pending.replaces });
  } catch (err) {
    if (err instanceof AppError) err.extra.userMessageId = pending.userMessage.id;
    throw err;
  }
}
