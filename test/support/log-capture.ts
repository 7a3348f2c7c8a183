// Captures what the server writes to stdout (its pino JSON lines) so a test can search every log line.

export interface LogCapture {
  lines(): string[];
  stop(): void;
}

/** From now until stop(), stdout lines are kept (and not printed); anything else written to stdout still is. */
export function captureLogs(): LogCapture {
  const kept: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.startsWith('{"level":')) {
      kept.push(...text.split('\n').filter(Boolean));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }
    return original(chunk, ...(rest as []));
  }) as typeof process.stdout.write;
  return {
    lines: () => kept,
    stop: () => {
      process.stdout.write = original;
    },
  };
}
