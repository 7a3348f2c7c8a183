import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp } from '../support/test-app.js';

// Load shedding refuses API work while the event loop lags; pages (the console's files, the API reference) are
// served from memory or disk, so a browser still gets them rather than a JSON 503 in place of a page.
describe('load shedding and pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A threshold of 1 ms: any lag at all counts as overload.
    t = await createTestApp({ config: { shedding: { ...testConfig().shedding, eventLoopDelayMs: 1 } } });
  });
  afterAll(async () => t?.close());

  const busy = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      /* a lagging event loop */
    }
  };

  it('answers the API reference while an API route is refused with 503 and Retry-After', async () => {
    let refused: { statusCode: number; headers: Record<string, unknown>; json(): { reason?: string } } | null = null;
    for (let i = 0; i < 50 && !refused; i++) {
      busy(150);
      await new Promise((r) => setTimeout(r, 120));
      busy(150);
      const res = await t.app.inject({ method: 'GET', url: '/v1/me' });
      if (res.statusCode === 503) refused = res;
    }
    expect(refused?.json().reason).toBe('event_loop');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    const page = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(page.statusCode).toBe(200);
    expect(page.json().openapi).toMatch(/^3\./);
  });
});
