// Model-based test of the call state machine (spec 01): random command sequences against the real API and a small model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ctx, newPersona, trainedPersona, useCallsApp, type Auth } from '../products/calls-setup.js';
import { signUp } from '../support/test-app.js';

const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = Number(process.env.FC_SEED ?? 20261122);

type Status = 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';
const NEXT: Record<Status, Status[]> = { INIT: ['CONNECTING', 'ENDED'], CONNECTING: ['ACTIVE', 'ENDED'], ACTIVE: ['ENDED'], ENDED: [] };

interface Model {
  calls: { id: string; persona: number; status: Status; wasActive: boolean }[];
}
interface Real {
  user: Auth;
  personas: { id: string; trained: boolean }[];
}

const api = (real: Real, method: string, url: string, payload?: unknown) =>
  ctx.t.app.inject({
    method: method as 'POST',
    url: `/v1/calls${url}`,
    headers: real.user.auth,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

class CreateCall implements fc.AsyncCommand<Model, Real> {
  constructor(readonly persona: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await api(r, 'POST', '/sessions', { personaId: r.personas[this.persona]!.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('INIT');
    m.calls.push({ id: res.json().id, persona: this.persona, status: 'INIT', wasActive: false });
  }
  toString = () => `create(persona ${this.persona})`;
}

class Move implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly call: number,
    readonly to: Exclude<Status, 'INIT'>,
  ) {}
  check = (m: Readonly<Model>) => m.calls.length > 0;
  async run(m: Model, r: Real) {
    const call = m.calls[this.call % m.calls.length]!;
    const action = { CONNECTING: 'dial', ACTIVE: 'answer', ENDED: 'hangup' }[this.to];
    const res = await api(r, 'POST', `/sessions/${call.id}/${action}`);
    const legal = NEXT[call.status].includes(this.to);
    const trained = r.personas[call.persona]!.trained;
    const busy = m.calls.some((c) => c !== call && c.persona === call.persona && c.status === 'ACTIVE');
    if (!legal) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().type).toBe('urn:talkbase:problem:calls.invalid_transition');
      // The 409 names both states.
      expect(res.json().detail).toContain(call.status);
      expect(res.json().detail).toContain(this.to);
      return;
    }
    if (this.to === 'ACTIVE' && (!trained || busy)) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().type).toBe(trained ? 'urn:talkbase:problem:calls.persona_busy' : 'urn:talkbase:problem:calls.voice_not_trained');
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe(this.to);
    call.status = this.to;
    if (this.to === 'ACTIVE') call.wasActive = true;
  }
  toString = () => `${this.to}(call ${this.call})`;
}

/** After every sequence: each call reads as the model says, one log per ended call, and at most one ACTIVE call per persona. */
async function agree(m: Model, r: Real) {
  for (const call of m.calls) {
    const res = await api(r, 'GET', `/sessions/${call.id}`);
    expect(res.json().status).toBe(call.status);
  }
  const ids = m.calls.map((c) => c.id);
  const logs = ids.length
    ? await ctx.t.database.query<{ call_session_id: string; duration_seconds: number }>(
        'SELECT call_session_id, duration_seconds FROM calls.call_logs WHERE call_session_id = ANY($1::uuid[])',
        [ids],
      )
    : [];
  const ended = m.calls.filter((c) => c.status === 'ENDED');
  expect(logs.map((l) => l.call_session_id).sort()).toEqual(ended.map((c) => c.id).sort());
  for (const c of ended.filter((x) => !x.wasActive)) expect(logs.find((l) => l.call_session_id === c.id)!.duration_seconds).toBe(0);
  const active = await ctx.t.database.query<{ persona_id: string; n: number }>(
    "SELECT persona_id, count(*)::int AS n FROM calls.call_sessions WHERE status = 'ACTIVE' AND id = ANY($1::uuid[]) GROUP BY persona_id",
    [ids.length ? ids : ['00000000-0000-4000-8000-000000000000']],
  );
  expect(active.every((a) => a.n === 1)).toBe(true);
}

describe('the call state machine against its model', () => {
  useCallsApp();

  it('every random sequence of create, dial, answer and hang up agrees with the model', async () => {
    const user = await signUp(ctx.t.app);
    // Two trained personas (so one can be busy while the other answers) and one whose voice is not trained.
    const personas = [
      { id: (await trainedPersona(user)).id, trained: true },
      { id: (await trainedPersona(user)).id, trained: true },
      { id: (await newPersona(user)).id, trained: false },
    ];
    const commands = [
      fc.integer({ min: 0, max: 2 }).map((p) => new CreateCall(p)),
      fc.tuple(fc.nat(20), fc.constantFrom<Exclude<Status, 'INIT'>>('CONNECTING', 'ACTIVE', 'ENDED')).map(([c, to]) => new Move(c, to)),
    ];
    let sequences = 0;
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12 }), async (cmds) => {
        sequences++;
        const model: Model = { calls: [] };
        const real: Real = { user, personas };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        steps += model.calls.length;
        await agree(model, real);
        // End what is left so the next sequence starts with every persona free.
        for (const c of model.calls.filter((x) => x.status !== 'ENDED')) await api(real, 'POST', `/sessions/${c.id}/hangup`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.info(`calls model: ${sequences} sequences, ${steps} calls, seed ${SEED}`);
  }, 300_000);
});
