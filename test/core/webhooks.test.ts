import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { defineProduct } from '../../src/core/product.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { registerWebhookRoute } from '../../src/core/webhooks/inbound.js';
import { generateWebhookSecret, signWebhook, webhookHeaders } from '../../src/core/webhooks/signature.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const OLD_SECRET = generateWebhookSecret();
const NEW_SECRET = generateWebhookSecret();
const clock = createManualClock('2026-03-01T12:00:00Z');
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

const webhookProduct = defineProduct({
  name: 'whtest',
  routes: async (app, core) => {
    await registerWebhookRoute(app, core, {
      path: '/hook',
      secrets: [NEW_SECRET],
      payload: Type.Object({
        order: Type.String(),
        fail: Type.Optional(Type.Boolean()),
        holdMs: Type.Optional(Type.Integer({ maximum: 1000 })),
      }),
      async handle(tx, payload, ctx) {
        await tx.execute(sql`INSERT INTO whtest.effects (webhook_id, ord) VALUES (${ctx.webhookId}, ${payload.order})`);
        // Holding the transaction open makes concurrent deliveries of one id really overlap.
        if (payload.holdMs) await new Promise((r) => setTimeout(r, payload.holdMs));
        if (payload.fail) throw new Error('the effect failed');
      },
    });
    await registerWebhookRoute(app, core, {
      path: '/rotating',
      secrets: () => [OLD_SECRET, NEW_SECRET],
      payload: Type.Object({ order: Type.String() }),
      async handle(tx, payload, ctx) {
        await tx.execute(sql`INSERT INTO whtest.effects (webhook_id, ord) VALUES (${ctx.webhookId}, ${payload.order})`);
      },
    });
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [webhookProduct], clock } });
  await t.database.query('CREATE SCHEMA whtest');
  await t.database.query('CREATE TABLE whtest.effects (webhook_id text NOT NULL, ord text NOT NULL)');
});
afterAll(async () => t?.close());

function deliver(
  url: string,
  opts: { id: string; body: string; secrets?: string[]; timestamp?: number; sendBody?: string; signature?: string },
) {
  const timestamp = opts.timestamp ?? nowSeconds();
  const headers = webhookHeaders(opts.secrets ?? [NEW_SECRET], opts.id, timestamp, opts.body);
  if (opts.signature) headers['webhook-signature'] = opts.signature;
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: opts.sendBody ?? opts.body,
  });
}

const effectsOf = (id: string) => t.database.query<{ ord: string }>('SELECT ord FROM whtest.effects WHERE webhook_id = $1', [id]);
const receiptsOf = (id: string) =>
  t.database.query<{ endpoint: string }>('SELECT endpoint FROM core.webhook_receipts WHERE webhook_id = $1', [id]);

describe('webhook signatures', () => {
  it('match the Standard Webhooks reference vector', () => {
    expect(signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });
});

describe('inbound webhooks', () => {
  it('accepts a signed delivery once and records its id with the effect', async () => {
    const res = await deliver('/v1/whtest/hook', { id: 'msg_ok', body: '{"order":"A-1"}' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });
    expect(await effectsOf('msg_ok')).toEqual([{ ord: 'A-1' }]);
    expect(await receiptsOf('msg_ok')).toEqual([{ endpoint: '/v1/whtest/hook' }]);

    const replay = await deliver('/v1/whtest/hook', { id: 'msg_ok', body: '{"order":"A-1"}' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ received: true, duplicate: true });
    expect(await effectsOf('msg_ok')).toHaveLength(1);
  });

  it('rejects a changed byte, re-serialized JSON, a wrong secret and missing headers', async () => {
    const body = '{"order":"B-1"}';
    const changed = await deliver('/v1/whtest/hook', { id: 'msg_changed', body, sendBody: '{"order":"B-2"}' });
    expect(changed.statusCode).toBe(401);
    expect(changed.json().type).toBe('urn:talkbase:problem:webhook.invalid_signature');

    const reserialized = await deliver('/v1/whtest/hook', {
      id: 'msg_reserialized',
      body,
      sendBody: JSON.stringify(JSON.parse(body), null, 2),
    });
    expect(reserialized.statusCode).toBe(401);
    expect(reserialized.json().type).toBe('urn:talkbase:problem:webhook.invalid_signature');

    const wrongSecret = await deliver('/v1/whtest/hook', { id: 'msg_wrong', body, secrets: [generateWebhookSecret()] });
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json().type).toBe('urn:talkbase:problem:webhook.invalid_signature');

    const garbled = await deliver('/v1/whtest/hook', { id: 'msg_garbled', body, signature: 'v1,not-base64!! v2,abc' });
    expect(garbled.statusCode).toBe(401);

    const bare = await t.app.inject({
      method: 'POST',
      url: '/v1/whtest/hook',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().type).toBe('urn:talkbase:problem:webhook.missing_headers');
    expect(bare.json().errors.map((e: { field: string }) => e.field)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);

    for (const id of ['msg_changed', 'msg_reserialized', 'msg_wrong', 'msg_garbled']) {
      expect(await effectsOf(id)).toHaveLength(0);
      expect(await receiptsOf(id)).toHaveLength(0);
    }
  });

  it('rejects a timestamp more than 5 minutes old or ahead, by the clock port', async () => {
    const body = '{"order":"C-1"}';
    const stale = await deliver('/v1/whtest/hook', { id: 'msg_stale', body, timestamp: nowSeconds() - 301 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().type).toBe('urn:talkbase:problem:webhook.timestamp_out_of_range');
    const ahead = await deliver('/v1/whtest/hook', { id: 'msg_ahead', body, timestamp: nowSeconds() + 301 });
    expect(ahead.statusCode).toBe(401);
    const edge = await deliver('/v1/whtest/hook', { id: 'msg_edge', body, timestamp: nowSeconds() - 299 });
    expect(edge.statusCode).toBe(200);

    // A captured delivery replayed later fails on its timestamp, whatever its id.
    const signedAt = nowSeconds();
    clock.advance(6 * 60_000);
    const late = await deliver('/v1/whtest/hook', { id: 'msg_late', body, timestamp: signedAt });
    expect(late.statusCode).toBe(401);
    expect(await effectsOf('msg_stale')).toHaveLength(0);
    expect(await effectsOf('msg_late')).toHaveLength(0);
  });

  it('accepts rotated secrets: two signatures from the sender, or two secrets at the receiver', async () => {
    const twoSignatures = await deliver('/v1/whtest/hook', { id: 'msg_rot1', body: '{"order":"D-1"}', secrets: [OLD_SECRET, NEW_SECRET] });
    expect(twoSignatures.statusCode).toBe(200);
    const oldOnly = await deliver('/v1/whtest/rotating', { id: 'msg_rot2', body: '{"order":"D-2"}', secrets: [OLD_SECRET] });
    expect(oldOnly.statusCode).toBe(200);
    const oldAtStrictEndpoint = await deliver('/v1/whtest/hook', { id: 'msg_rot3', body: '{"order":"D-3"}', secrets: [OLD_SECRET] });
    expect(oldAtStrictEndpoint.statusCode).toBe(401);
    expect(await effectsOf('msg_rot1')).toEqual([{ ord: 'D-1' }]);
    expect(await effectsOf('msg_rot2')).toEqual([{ ord: 'D-2' }]);
  });

  it('validates the payload after the signature, and answers bad JSON with 400', async () => {
    const notJson = await deliver('/v1/whtest/hook', { id: 'msg_notjson', body: 'order=1' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().type).toBe('urn:talkbase:problem:webhook.invalid_json');
    const wrongShape = await deliver('/v1/whtest/hook', { id: 'msg_shape', body: '{"ord":"G-1"}' });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().type).toBe('urn:talkbase:problem:validation');
    expect(await receiptsOf('msg_shape')).toHaveLength(0);
  });

  it('answers text the database cannot hold (NUL, a lone surrogate) in a signed body with 400 naming the field, and records nothing', async () => {
    for (const [id, body] of [
      ['msg_nul', '{"order":"G-\\u0000-1"}'],
      ['msg_surrogate', '{"order":"G-\\ud800-1"}'],
    ]) {
      const res = await deliver('/v1/whtest/hook', { id: id!, body: body! });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'order' })]);
      expect(await receiptsOf(id!)).toHaveLength(0);
      expect(await effectsOf(id!)).toHaveLength(0);
    }
  });

  it('rolls back the recorded id with a failed effect, so the sender can retry', async () => {
    const failed = await deliver('/v1/whtest/hook', { id: 'msg_retry', body: '{"order":"E-1","fail":true}' });
    expect(failed.statusCode).toBe(500);
    expect(await receiptsOf('msg_retry')).toHaveLength(0);
    expect(await effectsOf('msg_retry')).toHaveLength(0);
    const retried = await deliver('/v1/whtest/hook', { id: 'msg_retry', body: '{"order":"E-1"}' });
    expect(retried.json()).toEqual({ received: true, duplicate: false });
    expect(await effectsOf('msg_retry')).toEqual([{ ord: 'E-1' }]);
  });

  it('ten concurrent deliveries of one webhook id have exactly one effect', async () => {
    const body = '{"order":"F-1","holdMs":150}';
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver('/v1/whtest/hook', { id: 'msg_concurrent', body })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const fresh = results.filter((r) => r.json().duplicate === false);
    expect(fresh).toHaveLength(1);
    expect(await effectsOf('msg_concurrent')).toEqual([{ ord: 'F-1' }]);
    expect(await receiptsOf('msg_concurrent')).toHaveLength(1);
  });
});
