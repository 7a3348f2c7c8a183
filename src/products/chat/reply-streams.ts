import { randomUUID } from 'node:crypto';
import type { ProductContext } from '../../core/product.js';

const STOP_TOPIC = 'chat.reply.stop';
const STOPPED_TOPIC = 'chat.reply.stopped';
/** How long a stop waits for instances to say how many replies they stopped. */
const STOP_WAIT_MS = 250;
/** After the last answer, how long a stop waits for another instance's. */
const STOP_SETTLE_MS = 20;

interface StopNotice {
  conversationId: string;
  stopId: string;
}
interface StoppedNotice {
  stopId: string;
  stopped: number;
}

export interface ReplyStreams {
  /** Registers a reply being written; `release` once it is stored or failed. */
  start(conversationId: string, controller: AbortController): () => void;
  /** Stops the replies being written for the conversation on every instance; resolves with how many. */
  stop(conversationId: string): Promise<number>;
  close(): void;
}

/** Replies in progress live in the memory of the instance that writes them; a stop reaches it through the bus. */
export function createReplyStreams(core: ProductContext): ReplyStreams {
  const running = new Map<string, Set<AbortController>>();
  const waiting = new Map<string, (stopped: number) => void>();
  const offStop = core.realtime.onInstanceNotice(STOP_TOPIC, (data) => {
    const { conversationId, stopId } = data as StopNotice;
    const set = running.get(conversationId);
    if (!set?.size) return;
    for (const controller of set) controller.abort();
    const notice: StoppedNotice = { stopId, stopped: set.size };
    void core.realtime.notifyInstances(STOPPED_TOPIC, notice).catch((err: unknown) => core.log.warn({ err }, 'could not confirm a stop'));
  });
  const offStopped = core.realtime.onInstanceNotice(STOPPED_TOPIC, (data) => {
    const { stopId, stopped } = data as StoppedNotice;
    waiting.get(stopId)?.(stopped);
  });
  return {
    start(conversationId, controller) {
      const set = running.get(conversationId) ?? new Set();
      running.set(conversationId, set.add(controller));
      return () => {
        set.delete(controller);
        if (set.size === 0) running.delete(conversationId);
      };
    },
    stop: (conversationId) => stopEverywhere(core, waiting, conversationId),
    close() {
      offStop();
      offStopped();
    },
  };
}

function stopEverywhere(core: ProductContext, waiting: Map<string, (stopped: number) => void>, conversationId: string): Promise<number> {
  const stopId = randomUUID();
  return new Promise<number>((resolve, reject) => {
    let total = 0;
    let settle: NodeJS.Timeout | undefined;
    const finish = () => {
      clearTimeout(deadline);
      clearTimeout(settle);
      waiting.delete(stopId);
      resolve(total);
    };
    const deadline = setTimeout(finish, STOP_WAIT_MS);
    waiting.set(stopId, (stopped) => {
      total += stopped;
      clearTimeout(settle);
      settle = setTimeout(finish, STOP_SETTLE_MS);
    });
    const notice: StopNotice = { conversationId, stopId };
    core.realtime.notifyInstances(STOP_TOPIC, notice).catch((err: unknown) => {
      clearTimeout(deadline);
      waiting.delete(stopId);
      reject(err);
    });
  });
}
