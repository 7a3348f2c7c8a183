import { describe, expect, it } from 'vitest';
import { endTimedOutCalls } from '../../src/products/calls/call-sessions.js';
import { TestSocket } from '../support/realtime-client.js';
import { signUp } from '../support/test-app.js';
import {
  clock,
  consent,
  ctx,
  inject,
  newCall,
  newPersona,
  personaRow,
  trainedPersona,
  uploadVoice,
  useCallsApp,
  waitFor,
} from './calls-setup.js';

useCallsApp();

describe('personas', () => {
  it('stores name and phone encrypted, finds them decrypted, and keeps one live persona per phone number', async () => {
    const u = await signUp(ctx.t.app);
    const p = await newPersona(u, { name: '할머니', phoneNumber: '010-1234-5678' });
    const row = await personaRow(p.id);
    expect(row.name).not.toContain('할머니');
    expect(row.phone_number).not.toContain('5678');
    expect(row.phone_bidx).toMatch(/\.[0-9a-f]{64}$/);
    const got = await inject('GET', `/personas/${p.id}`, u);
    expect(got.json()).toMatchObject({
      name: '할머니',
      phoneNumber: '010-1234-5678',
      learningStatus: 'NOT_STARTED',
      memo: 'She loved tomatoes.',
    });

    const dup = await inject('POST', '/personas', u, { name: 'Other', phoneNumber: '010 1234 5678' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().type).toContain('calls.phone_taken');
    // Another user may have the same number.
    const other = await signUp(ctx.t.app);
    expect((await inject('POST', '/personas', other, { name: 'X', phoneNumber: '010-1234-5678' })).statusCode).toBe(201);
    // The database itself refuses a second live row with the same blind index.
    await expect(
      ctx.t.database.query(
        `INSERT INTO calls.personas (id, user_id, name, phone_number, phone_bidx) SELECT gen_random_uuid(), user_id, name, phone_number, phone_bidx FROM calls.personas WHERE id = $1`,
        [p.id],
      ),
    ).rejects.toThrow(/personas_user_phone_live_key/);

    // Deleting frees the number; restoring while another live persona has it is a 409.
    expect((await inject('DELETE', `/personas/${p.id}`, u)).statusCode).toBe(204);
    expect((await inject('GET', '/personas', u)).json()).toEqual([]);
    const again = await newPersona(u, { phoneNumber: '010-1234-5678' });
    expect((await inject('POST', `/personas/${p.id}/restore`, u)).statusCode).toBe(409);
    await inject('DELETE', `/personas/${again.id}`, u);
    const restored = await inject('POST', `/personas/${p.id}/restore`, u);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ isDeleted: false, deletedAt: null });
    expect((await inject('GET', '/personas', u)).json().map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  it('validates input and names the field', async () => {
    const u = await signUp(ctx.t.app);
    const res = await inject('POST', '/personas', u, { name: 'A', phoneNumber: 'abc' });
    expect(res.statusCode).toBe(400);
    const img = await inject('POST', '/personas', u, {
      name: 'A',
      phoneNumber: '+1 555 0100',
      profileImageFileId: '018f0000-0000-7000-8000-000000000000',
    });
    expect(img.statusCode).toBe(400);
    expect(img.json().errors[0].field).toBe('profileImageFileId');
  });

  it("another user's persona, voice file, call and log answer 404", async () => {
    const owner = await signUp(ctx.t.app);
    const stranger = await signUp(ctx.t.app);
    const p = await trainedPersona(owner);
    const voice = (await inject('GET', `/personas/${p.id}/voice-files`, owner)).json()[0];
    const call = await newCall(owner, p.id);
    await inject('POST', `/sessions/${call.id}/hangup?reason=cancelled`, owner);
    const log = (await inject('GET', '/logs', owner)).json().items[0];
    expect(log.callSessionId).toBe(call.id);
    const probes: [string, string, unknown?][] = [
      ['GET', `/personas/${p.id}`],
      ['PATCH', `/personas/${p.id}`, { memo: 'mine now' }],
      ['DELETE', `/personas/${p.id}`],
      ['GET', `/personas/${p.id}/voice-files`],
      ['GET', `/personas/${p.id}/voice-files/${voice.id}`],
      ['DELETE', `/personas/${p.id}/voice-files/${voice.id}`],
      ['POST', `/personas/${p.id}/training`],
      ['GET', `/personas/${p.id}/consent`],
      ['POST', '/sessions', { personaId: p.id }],
      ['GET', `/sessions/${call.id}`],
      ['POST', `/sessions/${call.id}/hangup`],
      ['GET', `/sessions/${call.id}/turns`],
      ['GET', `/logs/${log.id}`],
    ];
    for (const [method, url, body] of probes) {
      const res = await inject(method, url, stranger, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const file = await ctx.t.app.inject({ url: `/v1/files/${voice.fileId}`, headers: stranger.auth });
    expect(file.statusCode).toBe(404);
    expect((await inject('GET', '/logs', stranger)).json().items).toEqual([]);
    // The stranger's edit changed nothing: the memo (encrypted at rest) still reads as the owner wrote it.
    expect((await personaRow(p.id)).memo).toMatch(/^tb1\./);
    expect((await inject('GET', `/personas/${p.id}`, owner)).json().memo).toBe('She loved tomatoes.');
  });
});

describe('voice files, consent and training', () => {
  it('hands an upload to the engine by signed URL and stores its id; the file name is encrypted in core.files', async () => {
    const u = await signUp(ctx.t.app);
    const p = await newPersona(u);
    const v = await uploadVoice(u, p.id, 'mom-voicemail.wav');
    expect(v.aiFileId).toMatch(/^offline-file-/);
    const [row] = await ctx.t.database.query<Record<string, any>>(
      'SELECT v.*, f.original_name, f.product, f.purpose FROM calls.voice_data v JOIN core.files f ON f.id = v.file_id WHERE v.id = $1',
      [v.id],
    );
    expect(row).toMatchObject({ ai_file_id: v.aiFileId, product: 'calls', purpose: 'voice-sample' });
    expect(row!.original_name).not.toContain('mom-voicemail');
    const list = (await inject('GET', `/personas/${p.id}/voice-files`, u)).json();
    expect(list).toMatchObject([{ id: v.id, fileName: 'mom-voicemail.wav', contentType: 'audio/wav' }]);
    const calls = await ctx.t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM core.ai_calls WHERE capability = 'voice' AND user_id = $1`,
      [u.user.id],
    );
    expect(calls[0]!.n).toBe(1);
    // Not audio: refused, nothing kept.
    const bad = await ctx.t.app.inject({
      method: 'POST',
      url: `/v1/calls/personas/${p.id}/voice-files`,
      headers: { ...u.auth, 'content-type': 'image/png' },
      payload: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    });
    expect(bad.statusCode).toBe(415);
    // Deleting a voice file removes the row and its core.files row.
    expect((await inject('DELETE', `/personas/${p.id}/voice-files/${v.id}`, u)).statusCode).toBe(204);
    expect(await ctx.t.database.query('SELECT 1 FROM core.files WHERE id = $1', [v.fileId])).toHaveLength(0);
  });

  it('needs consent and a voice file; training goes IN_PROGRESS → COMPLETED by webhook, a second start is a 409, and the user is notified', async () => {
    const u = await signUp(ctx.t.app);
    const socket = await TestSocket.connect(`${ctx.baseUrl.replace('http', 'ws')}/v1/realtime`, u.tokens.accessToken);
    try {
      socket.send({ type: 'subscribe', channel: `user:${u.user.id}` });
      await socket.next((m) => m.type === 'subscribed');
      const p = await newPersona(u);
      // The training status says what a start would be refused for, so a client can say it before anyone clicks.
      const missing = async () => (await inject('GET', `/personas/${p.id}/training`, u)).json().missing;
      expect(await missing()).toEqual(['voice_file', 'consent']);
      const noFiles = await inject('POST', `/personas/${p.id}/training`, u);
      expect(noFiles.statusCode).toBe(422);
      expect(noFiles.json().type).toContain('calls.consent_required');
      await consent(u, p.id);
      expect(await missing()).toEqual(['voice_file']);
      expect((await inject('POST', `/personas/${p.id}/training`, u)).json().type).toContain('calls.no_voice_files');
      await uploadVoice(u, p.id);
      expect(await missing()).toEqual([]);
      const [start, second] = await Promise.all([
        inject('POST', `/personas/${p.id}/training`, u),
        inject('POST', `/personas/${p.id}/training`, u),
      ]);
      expect([start.statusCode, second.statusCode].sort()).toEqual([202, 409]);
      const accepted = (start.statusCode === 202 ? start : second).json();
      expect(accepted).toMatchObject({ learningStatus: 'IN_PROGRESS', jobId: expect.stringMatching(/^offline-job-/) });
      const done = await waitFor(
        () => personaRow(p.id),
        (r) => r.learning_status === 'COMPLETED',
      );
      expect(done).toMatchObject({
        learning_status: 'COMPLETED',
        last_training_job_id: accepted.jobId,
        trained_voice_id: expect.stringMatching(/^offline-voice-/),
      });
      expect(done.last_training_updated_at).not.toBeNull();
      const note = await socket.next((m) => m.type === 'event' && m.event === 'notification.created', 8000);
      expect(note.data).toMatchObject({ type: 'calls.training_completed', data: { personaId: p.id } });
      const polled = await inject('GET', `/personas/${p.id}/training`, u);
      expect(polled.json()).toMatchObject({ learningStatus: 'COMPLETED', engine: { status: 'COMPLETED', progress: 100 }, missing: [] });
      expect((await inject('DELETE', `/personas/${p.id}/training`, u)).statusCode).toBe(409);
    } finally {
      socket.ws.close();
    }
  });

  it('with notifications off, no notification; cancel stops the training and the persona goes back', async () => {
    const u = await signUp(ctx.t.app);
    expect((await inject('GET', '/settings', u)).json()).toMatchObject({ callTimeoutSeconds: 300, notificationEnabled: true });
    expect((await inject('PATCH', '/settings', u, { notificationEnabled: false })).json().notificationEnabled).toBe(false);
    const p = await trainedPersona(u);
    await new Promise((r) => setTimeout(r, 800));
    expect(await ctx.t.database.query('SELECT 1 FROM core.notifications WHERE user_id = $1', [u.user.id])).toHaveLength(0);

    const q = await newPersona(u);
    await uploadVoice(u, q.id);
    await consent(u, q.id);
    await inject('POST', `/personas/${q.id}/training`, u);
    const cancelled = await inject('DELETE', `/personas/${q.id}/training`, u);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ learningStatus: 'NOT_STARTED', engine: { status: 'CANCELLED' } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await personaRow(q.id)).learning_status).toBe('NOT_STARTED');
    expect((await personaRow(p.id)).learning_status).toBe('COMPLETED');
  });
});

describe('call state machine', () => {
  it('walks INIT → CONNECTING → ACTIVE → ENDED and writes the log in the same transaction with the duration', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await newCall(u, p.id);
    expect(call.status).toBe('INIT');
    expect((await inject('POST', `/sessions/${call.id}/dial`, u)).json().status).toBe('CONNECTING');
    const active = (await inject('POST', `/sessions/${call.id}/answer`, u)).json();
    expect(active).toMatchObject({ status: 'ACTIVE', durationSeconds: 0 });
    clock.advance(125_000);
    const ended = (await inject('POST', `/sessions/${call.id}/hangup`, u)).json();
    expect(ended).toMatchObject({ status: 'ENDED', endedReason: 'user_hangup', durationSeconds: 125 });
    const [log] = await ctx.t.database.query<Record<string, any>>('SELECT * FROM calls.call_logs WHERE call_session_id = $1', [call.id]);
    expect(log).toMatchObject({ duration_seconds: 125, ended_reason: 'user_hangup', persona_id: p.id, user_id: u.user.id });
    expect(new Date(log!.started_at).toISOString()).toBe(active.startedAt);
    const page = (await inject('GET', '/logs', u)).json();
    expect(page.items[0]).toMatchObject({ callSessionId: call.id, durationSeconds: 125 });
  });

  it('allows CONNECTING → ENDED and INIT → ENDED (duration 0), refuses every other transition with a 409 naming both states', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const a = await newCall(u, p.id);
    await inject('POST', `/sessions/${a.id}/dial`, u);
    expect((await inject('POST', `/sessions/${a.id}/hangup?reason=cancelled`, u)).json()).toMatchObject({
      status: 'ENDED',
      endedReason: 'cancelled',
      durationSeconds: null,
    });
    const b = await newCall(u, p.id);
    expect((await inject('POST', `/sessions/${b.id}/hangup`, u)).json().status).toBe('ENDED');
    const logs = await ctx.t.database.query<{ duration_seconds: number }>(
      'SELECT duration_seconds FROM calls.call_logs WHERE call_session_id IN ($1, $2)',
      [a.id, b.id],
    );
    expect(logs.map((l) => l.duration_seconds)).toEqual([0, 0]);

    const forbidden: [string, string[], string, string][] = [
      ['answer', [], 'INIT', 'ACTIVE'],
      ['dial', ['dial'], 'CONNECTING', 'CONNECTING'],
      ['dial', ['dial', 'answer'], 'ACTIVE', 'CONNECTING'],
      ['answer', ['dial', 'answer'], 'ACTIVE', 'ACTIVE'],
      ['dial', ['hangup'], 'ENDED', 'CONNECTING'],
      ['answer', ['hangup'], 'ENDED', 'ACTIVE'],
      ['hangup', ['hangup'], 'ENDED', 'ENDED'],
    ];
    for (const [action, before, from, to] of forbidden) {
      const c = await newCall(u, p.id);
      for (const step of before) expect((await inject('POST', `/sessions/${c.id}/${step}`, u, undefined)).statusCode).toBe(200);
      const res = await inject('POST', `/sessions/${c.id}/${action}`, u, undefined);
      expect(res.statusCode, `${from} → ${to}`).toBe(409);
      expect(res.json()).toMatchObject({ from, to });
      expect(res.json().detail).toContain(from);
      expect(res.json().detail).toContain(to);
      if (before.includes('answer')) await inject('POST', `/sessions/${c.id}/hangup`, u);
    }
  });

  it('reaches ACTIVE only for a persona whose training is COMPLETED', async () => {
    const u = await signUp(ctx.t.app);
    const p = await newPersona(u);
    const c = await newCall(u, p.id);
    await inject('POST', `/sessions/${c.id}/dial`, u);
    const res = await inject('POST', `/sessions/${c.id}/answer`, u);
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toContain('calls.voice_not_trained');
    expect((await inject('GET', `/sessions/${c.id}`, u)).json().status).toBe('CONNECTING');
  });

  it('two concurrent answers for one persona: exactly one ACTIVE', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const calls = [];
    for (let i = 0; i < 4; i++) {
      const c = await newCall(u, p.id);
      await inject('POST', `/sessions/${c.id}/dial`, u);
      calls.push(c);
    }
    const answers = await Promise.all(calls.map((c) => inject('POST', `/sessions/${c.id}/answer`, u)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().type).toContain('calls.persona_busy');
    const active = await ctx.t.database.query(`SELECT id FROM calls.call_sessions WHERE persona_id = $1 AND status = 'ACTIVE'`, [p.id]);
    expect(active).toHaveLength(1);
    // The losers are still CONNECTING and can connect once the line is free.
    const winner = answers.findIndex((a) => a.statusCode === 200);
    await inject('POST', `/sessions/${calls[winner]!.id}/hangup`, u);
    const next = calls.find((_, i) => i !== winner)!;
    expect((await inject('POST', `/sessions/${next.id}/answer`, u)).statusCode).toBe(200);
  });

  it("a CONNECTING call past the user's call_timeout_seconds is ended with ended_reason timeout by the job", async () => {
    const u = await signUp(ctx.t.app);
    await inject('PATCH', '/settings', u, { callTimeoutSeconds: 5 });
    const p = await trainedPersona(u);
    const c = await newCall(u, p.id);
    await inject('POST', `/sessions/${c.id}/dial`, u);
    // The job was sent with startAfter = 5 s; on the app's clock the call is overdue already.
    clock.advance(6_000);
    const row = await waitFor(
      async () =>
        (await ctx.t.database.query<Record<string, any>>('SELECT status, ended_reason FROM calls.call_sessions WHERE id = $1', [c.id]))[0]!,
      (r) => r.status === 'ENDED',
      12_000,
    );
    expect(row).toMatchObject({ status: 'ENDED', ended_reason: 'timeout' });
    const [log] = await ctx.t.database.query<Record<string, any>>(
      'SELECT duration_seconds, ended_reason FROM calls.call_logs WHERE call_session_id = $1',
      [c.id],
    );
    expect(log).toMatchObject({ duration_seconds: 0, ended_reason: 'timeout' });
  }, 20_000);

  it("the sweep reads each user's own timeout: 300 s by default", async () => {
    const u = await signUp(ctx.t.app);
    const quick = await signUp(ctx.t.app);
    await inject('PATCH', '/settings', quick, { callTimeoutSeconds: 60 });
    const p = await newPersona(u);
    const q = await newPersona(quick);
    const slowCall = await newCall(u, p.id);
    const quickCall = await newCall(quick, q.id);
    await inject('POST', `/sessions/${slowCall.id}/dial`, u);
    await inject('POST', `/sessions/${quickCall.id}/dial`, quick);
    clock.advance(120_000);
    await endTimedOutCalls(ctx.t.app.core.forProducts);
    expect((await inject('GET', `/sessions/${quickCall.id}`, quick)).json()).toMatchObject({ status: 'ENDED', endedReason: 'timeout' });
    expect((await inject('GET', `/sessions/${slowCall.id}`, u)).json().status).toBe('CONNECTING');
    clock.advance(200_000);
    await endTimedOutCalls(ctx.t.app.core.forProducts);
    expect((await inject('GET', `/sessions/${slowCall.id}`, u)).json()).toMatchObject({ status: 'ENDED', endedReason: 'timeout' });
  });
});
