// Model-based test of tutor matching (spec 03): requests, approvals (also concurrent), rejections and unlinking against a model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { member, type Member } from '../products/tutor-setup.js';

const RUNS = Number(process.env.FC_RUNS ?? 40);
const SEED = Number(process.env.FC_SEED ?? 20261122);

let t: TestApp;
let tutors: (Member & { max: number; accepting: boolean })[];
let students: Member[];
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [tutorProduct] } });
  const specs = [
    { max: 2, accepting: true },
    { max: 1, accepting: true },
    { max: 3, accepting: false },
  ];
  tutors = [];
  for (const s of specs) tutors.push({ ...(await member(t.app, 'tutor', { maxStudents: s.max, isAccepting: s.accepting })), ...s });
  students = [];
  for (let i = 0; i < 4; i++) students.push(await member(t.app, 'student'));
}, 120_000);
afterAll(async () => t?.close());

interface Model {
  requests: { id: string; student: number; tutor: number; status: 'PENDING' | 'APPROVED' | 'REJECTED' }[];
  links: Set<string>;
}
const key = (student: number, tutor: number) => `${student}:${tutor}`;
const active = (m: Model, tutor: number) => [...m.links].filter((l) => l.endsWith(`:${tutor}`)).length;
type Cmd = fc.AsyncCommand<Model, Record<string, never>>;
const inject = (method: string, url: string, who: Member, payload?: unknown) =>
  t.app.inject({ method: method as 'POST', url: `/v1/tutor${url}`, headers: who.auth, ...(payload ? { payload: payload as object } : {}) });

class RequestTutor implements Cmd {
  constructor(
    readonly student: number,
    readonly tutor: number,
  ) {}
  check = () => true;
  async run(m: Model) {
    const res = await inject('POST', '/requests', students[this.student]!, { tutorId: tutors[this.tutor]!.id });
    const tutor = tutors[this.tutor]!;
    const expected = !tutor.accepting
      ? 'tutor.not_accepting'
      : active(m, this.tutor) >= tutor.max
        ? 'tutor.at_capacity'
        : m.links.has(key(this.student, this.tutor))
          ? 'tutor.already_linked'
          : m.requests.some((r) => r.student === this.student && r.tutor === this.tutor && r.status === 'PENDING')
            ? 'tutor.request_pending'
            : null;
    if (expected) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().type).toBe(`urn:talkbase:problem:${expected}`);
      return;
    }
    expect(res.statusCode, res.body).toBe(201);
    m.requests.push({ id: res.json().id, student: this.student, tutor: this.tutor, status: 'PENDING' });
  }
  toString = () => `request(s${this.student} → t${this.tutor})`;
}

class Decide implements Cmd {
  constructor(
    readonly request: number,
    readonly approve: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.requests.length > 0;
  async run(m: Model) {
    const r = m.requests[this.request % m.requests.length]!;
    const res = await inject('POST', `/requests/${r.id}/${this.approve ? 'approve' : 'reject'}`, tutors[r.tutor]!);
    if (r.status !== 'PENDING') {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().type).toBe('urn:talkbase:problem:tutor.request_processed');
      return;
    }
    if (this.approve && active(m, r.tutor) >= tutors[r.tutor]!.max) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().type).toBe('urn:talkbase:problem:tutor.at_capacity');
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    r.status = this.approve ? 'APPROVED' : 'REJECTED';
    if (this.approve) m.links.add(key(r.student, r.tutor));
  }
  toString = () => `${this.approve ? 'approve' : 'reject'}(request ${this.request})`;
}

/** Every pending request of one tutor approved at once: exactly as many succeed as there are free places. */
class ApproveAllAtOnce implements Cmd {
  constructor(readonly tutor: number) {}
  check = () => true;
  async run(m: Model) {
    const pending = m.requests.filter((r) => r.tutor === this.tutor && r.status === 'PENDING');
    const free = tutors[this.tutor]!.max - active(m, this.tutor);
    const answers = await Promise.all(pending.map((r) => inject('POST', `/requests/${r.id}/approve`, tutors[this.tutor]!)));
    const won = pending.filter((_, i) => answers[i]!.statusCode === 200);
    expect(won.length).toBe(Math.min(pending.length, Math.max(0, free)));
    for (const res of answers) if (res.statusCode !== 200) expect(res.json().type).toBe('urn:talkbase:problem:tutor.at_capacity');
    for (const r of won) {
      r.status = 'APPROVED';
      m.links.add(key(r.student, r.tutor));
    }
  }
  toString = () => `approveAllAtOnce(t${this.tutor})`;
}

class Unlink implements Cmd {
  constructor(
    readonly student: number,
    readonly tutor: number,
    readonly byStudent: boolean,
  ) {}
  check = () => true;
  async run(m: Model) {
    const res = this.byStudent
      ? await inject('DELETE', `/tutors/${tutors[this.tutor]!.id}`, students[this.student]!)
      : await inject('DELETE', `/students/${students[this.student]!.id}`, tutors[this.tutor]!);
    const linked = m.links.has(key(this.student, this.tutor));
    expect(res.statusCode, res.body).toBe(linked ? 200 : 404);
    m.links.delete(key(this.student, this.tutor));
  }
  toString = () => `unlink(s${this.student}, t${this.tutor}, by ${this.byStudent ? 'student' : 'tutor'})`;
}

/** The API and the database agree with the model: each request's status, each tutor's students and counter. */
async function agree(m: Model) {
  for (const r of m.requests) {
    const [row] = await t.database.query<{ status: string }>('SELECT status FROM tutor.tutor_requests WHERE id = $1', [r.id]);
    expect(row!.status).toBe(r.status);
  }
  for (const [i, tutor] of tutors.entries()) {
    const dashboard = (await inject('GET', '/students', tutor)).json() as { studentId: string }[];
    const expected = students.filter((_, s) => m.links.has(key(s, i))).map((s) => s.id);
    expect(dashboard.map((d) => d.studentId).sort()).toEqual(expected.sort());
    const [profile] = await t.database.query<{ active_students: number }>('SELECT active_students FROM tutor.profiles WHERE user_id = $1', [
      tutor.id,
    ]);
    expect(profile!.active_students).toBe(expected.length);
    expect(expected.length).toBeLessThanOrEqual(tutor.max);
  }
}

describe('tutor matching against its model', () => {
  it('every random sequence of requests, approvals, rejections and unlinking agrees with the model', async () => {
    const s = fc.integer({ min: 0, max: 3 });
    const tu = fc.integer({ min: 0, max: 2 });
    const commands = [
      fc.tuple(s, tu).map(([a, b]) => new RequestTutor(a, b)),
      fc.tuple(s, tu).map(([a, b]) => new RequestTutor(a, b)),
      fc.tuple(fc.nat(20), fc.boolean()).map(([r, a]) => new Decide(r, a)),
      tu.map((x) => new ApproveAllAtOnce(x)),
      fc.tuple(s, tu, fc.boolean()).map(([a, b, c]) => new Unlink(a, b, c)),
    ];
    let sequences = 0;
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 20 }), async (cmds) => {
        sequences++;
        const model: Model = { requests: [], links: new Set() };
        await fc.asyncModelRun(() => ({ model, real: {} }), cmds);
        requests += model.requests.length;
        await agree(model);
        // Back to no links and nothing pending, so the next sequence starts where its model does.
        for (const r of model.requests.filter((x) => x.status === 'PENDING'))
          await inject('POST', `/requests/${r.id}/reject`, tutors[r.tutor]!);
        for (const link of model.links) {
          const [st, tu2] = link.split(':').map(Number);
          await inject('DELETE', `/students/${students[st!]!.id}`, tutors[tu2!]!);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.info(`tutor model: ${sequences} sequences, ${requests} requests, seed ${SEED}`);
  }, 300_000);
});
