import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/core/time/clock.js';
import { purgeExpired } from '../../src/core/retention/retention.js';
import { livePersonasQuery } from '../../src/products/calls/personas.js';
import { activeSessionQuery, recentCallsQuery } from '../../src/products/calls/call-sessions.js';
import { personas } from '../../src/products/calls/schema.js';
import { and, asc, eq, lt } from 'drizzle-orm';
import { signUp } from '../support/test-app.js';
import { queryPlan } from '../support/query-plan.js';
import { clock, ctx, inject, newCall, trainedPersona, useCallsApp, waitFor, type Auth } from './calls-setup.js';

useCallsApp();

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A persona with everything that hangs off it: profile image, voice file, a finished call with turns and audio. */
async function fullPersona(u: Auth) {
  const image = await ctx.t.app.inject({
    method: 'POST',
    url: '/v1/files?purpose=avatar&product=calls',
    headers: { ...u.auth, 'content-type': 'image/png' },
    payload: PNG,
  });
  expect(image.statusCode, image.body).toBe(201);
  const p = await trainedPersona(u);
  expect((await inject('PATCH', `/personas/${p.id}`, u, { profileImageFileId: image.json().id })).statusCode).toBe(200);
  const c = await newCall(u, p.id);
  await inject('POST', `/sessions/${c.id}/dial`, u);
  await inject('POST', `/sessions/${c.id}/answer`, u);
  expect((await inject('POST', `/sessions/${c.id}/turns`, u, { text: 'I miss you' })).statusCode).toBe(201);
  await inject('POST', `/sessions/${c.id}/hangup`, u);
  const fileIds = (
    await ctx.t.database.query<{ id: string }>(
      `SELECT profile_image_file_id AS id FROM calls.personas WHERE id = $1
       UNION SELECT file_id FROM calls.voice_data WHERE persona_id = $1
       UNION SELECT audio_file_id FROM calls.call_turns WHERE persona_id = $1 AND audio_file_id IS NOT NULL`,
      [p.id],
    )
  ).map((r) => r.id);
  expect(fileIds.length).toBe(3);
  const blobKeys = (
    await ctx.t.database.query<{ blob_key: string }>('SELECT blob_key FROM core.files WHERE id = ANY($1::uuid[])', [fileIds])
  ).map((r) => r.blob_key);
  return { id: p.id, callId: c.id, fileIds, blobKeys };
}

const rowsOf = async (personaId: string) => {
  const count = async (sql: string) => (await ctx.t.database.query<{ n: number }>(sql, [personaId]))[0]!.n;
  return {
    personas: await count('SELECT count(*)::int AS n FROM calls.personas WHERE id = $1'),
    voice: await count('SELECT count(*)::int AS n FROM calls.voice_data WHERE persona_id = $1'),
    consent: await count('SELECT count(*)::int AS n FROM calls.voice_consents WHERE persona_id = $1'),
    sessions: await count('SELECT count(*)::int AS n FROM calls.call_sessions WHERE persona_id = $1'),
    logs: await count('SELECT count(*)::int AS n FROM calls.call_logs WHERE persona_id = $1'),
    turns: await count('SELECT count(*)::int AS n FROM calls.call_turns WHERE persona_id = $1'),
  };
};

const login = async (u: Auth): Promise<Auth> => {
  const res = await ctx.t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
  expect(res.statusCode).toBe(200);
  return { ...u, auth: { authorization: `Bearer ${res.json().tokens.accessToken}` } };
};

describe('soft delete, restore and purge', () => {
  it('purges a persona deleted 31 days ago with every row and blob, keeps one deleted 29 days ago, and restores only within 30 days', async () => {
    let u = await signUp(ctx.t.app);
    const old = await fullPersona(u);
    const recent = await fullPersona(u);
    // An open call is ended (cancelled) when its persona is deleted.
    const open = await newCall(u, old.id);
    await inject('POST', `/sessions/${open.id}/dial`, u);
    expect((await inject('DELETE', `/personas/${old.id}`, u)).statusCode).toBe(204);
    expect((await inject('GET', `/sessions/${open.id}`, u)).json()).toMatchObject({ status: 'ENDED', endedReason: 'cancelled' });
    expect((await inject('GET', `/personas/${old.id}`, u)).statusCode).toBe(404);
    clock.advance(2 * DAY_MS);
    u = await login(u);
    expect((await inject('DELETE', `/personas/${recent.id}`, u)).statusCode).toBe(204);
    clock.advance(29 * DAY_MS + 60_000);
    u = await login(u);
    const deleted = (await inject('GET', '/personas/deleted', u)).json() as { id: string }[];
    expect(deleted.map((d) => d.id).sort()).toEqual([old.id, recent.id].sort());
    expect((await inject('POST', `/personas/${old.id}/restore`, u)).statusCode).toBe(404);

    const report = await purgeExpired(ctx.t.app.core);
    expect(report.policies.find((p) => p.policy === 'calls.personas.purge')).toMatchObject({ rows: 1, blobs: 3, complete: true });
    expect(await rowsOf(old.id)).toEqual({ personas: 0, voice: 0, consent: 0, sessions: 0, logs: 0, turns: 0 });
    expect(await ctx.t.database.query('SELECT 1 FROM core.files WHERE id = ANY($1::uuid[])', [old.fileIds])).toHaveLength(0);
    const gone = await waitFor(
      async () => (await Promise.all(old.blobKeys.map((k) => ctx.t.app.core.blobs.exists(k)))).filter(Boolean).length,
      (n) => n === 0,
    );
    expect(gone).toBe(0);

    expect(await rowsOf(recent.id)).toEqual({ personas: 1, voice: 1, consent: 1, sessions: 1, logs: 1, turns: 2 });
    for (const k of recent.blobKeys) expect(await ctx.t.app.core.blobs.exists(k)).toBe(true);
    const restored = await inject('POST', `/personas/${recent.id}/restore`, u);
    expect(restored.statusCode).toBe(200);
    expect((await inject('GET', '/personas', u)).json().map((p: { id: string }) => p.id)).toEqual([recent.id]);
    // A restored persona is live again: the sweep leaves it alone for good.
    clock.advance(5 * DAY_MS);
    await purgeExpired(ctx.t.app.core);
    expect((await rowsOf(recent.id)).personas).toBe(1);
  }, 40_000);
});

describe('query plans at 50,000 call logs', () => {
  it('serves recent calls, live personas, the ACTIVE session and the purge batch from their indexes', async () => {
    await ctx.t.database.query(`
      INSERT INTO core.users (id, email, email_bidx, password_hash)
        SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, 'tb1.k.x', 'calls-plan.' || i, 'x' FROM generate_series(1, 500) i;
      INSERT INTO calls.personas (id, user_id, name, phone_number, phone_bidx, learning_status, is_deleted, deleted_at, created_at)
        SELECT ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad((1 + i % 500)::text, 12, '0'))::uuid,
               'x', 'x', 'plan.' || i, 'COMPLETED', i % 50 = 0, CASE WHEN i % 50 = 0 THEN now() - (i || ' hours')::interval END, now() - (i || ' minutes')::interval
        FROM generate_series(1, 5000) i;
      INSERT INTO calls.call_sessions (id, persona_id, user_id, status, started_at, ended_at, ended_reason, created_at)
        SELECT ('00000000-0000-7000-a000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-9000-' || lpad((1 + i % 5000)::text, 12, '0'))::uuid,
               ('00000000-0000-7000-8000-' || lpad((1 + (1 + i % 5000) % 500)::text, 12, '0'))::uuid, 'ENDED',
               now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval + interval '3 minutes', 'user_hangup', now() - (i || ' minutes')::interval
        FROM generate_series(1, 50000) i;
      INSERT INTO calls.call_logs (id, user_id, persona_id, call_session_id, started_at, ended_at, duration_seconds, ended_reason)
        SELECT gen_random_uuid(), s.user_id, s.persona_id, s.id, s.started_at, s.ended_at, 180, 'user_hangup' FROM calls.call_sessions s
        WHERE s.id::text LIKE '00000000-0000-7000-a000-%';
      ANALYZE calls.call_logs; ANALYZE calls.personas; ANALYZE calls.call_sessions;`);
    expect((await ctx.t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM calls.call_logs'))[0]!.n).toBeGreaterThanOrEqual(
      50_000,
    );
    const plan = (query: Parameters<typeof queryPlan>[1]) => queryPlan(ctx.t.database, query);
    const user = '00000000-0000-7000-8000-000000000007';
    const db = ctx.t.app.core.db;
    const recentPlan = await plan(recentCallsQuery(db, user, { limit: 20 }));
    expect(recentPlan).toContain('call_logs_user_started_idx');
    expect(recentPlan).not.toContain('"Seq Scan"');
    const personasPlan = await plan(livePersonasQuery(db, user));
    expect(personasPlan).toContain('personas_user_live_idx');
    expect(personasPlan).not.toContain('"Seq Scan"');
    const activePlan = await plan(activeSessionQuery(db, '00000000-0000-7000-9000-000000000007'));
    expect(activePlan).toContain('call_sessions_one_active_per_persona');
    expect(activePlan).not.toContain('"Seq Scan"');
    // The purge batch as the sweeper runs it: due soft-deleted personas, oldest first.
    const purgePlan = await plan(
      db
        .select({ id: personas.id })
        .from(personas)
        .where(and(lt(personas.deletedAt, new Date(Date.now() - 30 * DAY_MS)), eq(personas.isDeleted, true)))
        .orderBy(asc(personas.deletedAt))
        .limit(500),
    );
    expect(purgePlan).toContain('personas_deleted_at_idx');
    expect(purgePlan).not.toContain('"Seq Scan"');
  }, 40_000);
});
