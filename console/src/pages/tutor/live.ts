// Following channels from the tutor and assist pages. The shared realtime client opens its socket on the
// first subscription, after an await: a second subscription in the same moment would open a second socket.
// Subscriptions made before the socket exists therefore wait for the first one to get it going.
import { realtime, type RealtimeEvent } from '../../api';

let opening: Promise<void> | null = null;

function socketStarted(timeoutMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const stop = realtime.onState((s) => s !== 'offline' && done());
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/** `realtime.subscribe`, safe to call for several channels at once; returns the function that stops following. */
export function follow(channel: string, handler: (e: RealtimeEvent) => void, fromSeq?: number): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  const start = () => {
    if (!cancelled) stop = realtime.subscribe(channel, handler, fromSeq);
  };
  if (realtime.connectionState !== 'offline') start();
  else if (opening) void opening.then(start);
  else {
    opening = socketStarted().finally(() => (opening = null));
    start();
  }
  return () => {
    cancelled = true;
    stop?.();
  };
}
