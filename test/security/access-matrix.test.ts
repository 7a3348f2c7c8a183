// The access matrix: every route that takes an id, called as each kind of user, against a world built through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { allProducts } from '../../src/products/index.js';
import { createChannelRegistry } from '../../src/core/realtime/channels.js';
import { TestSocket } from '../support/realtime-client.js';
import type { TestApp } from '../support/test-app.js';
import { ACTORS, buildWorld, createSecurityApp, spokenWav, type ActorName, type World } from '../support/security-world.js';
import { captureLogs, type LogCapture } from '../support/log-capture.js';
import { databaseDump, textColumns } from '../support/database-dump.js';

/** ok: the access check let the caller through (anything but 401, 403, 404 or a 5xx); a number: exactly that status. */
type Expect = 'ok' | 401 | 403 | 404;
type Expectations = Record<ActorName, Expect>;

const deny = (status: 403 | 404, allowed: ActorName[]): Expectations =>
  Object.fromEntries(ACTORS.map((a) => [a, a === 'anonymous' ? 401 : allowed.includes(a) ? 'ok' : status])) as Expectations;

/** Who may pass, per kind of resource (spec 00 §3: another user's resource is a 404; a missing role is a 403). */
const policy = {
  /** A user's own row (calls, chat conversations, interviews, files, notifications): only the owner. */
  own: deny(404, ['owner']),
  /** Own rows an admin may also read (files, tutor practice audio and jobs, the user channel). */
  ownOrAdmin: deny(404, ['owner', 'admin']),
  /** A student's data: the student, a linked tutor, an admin (spec 03). */
  student: deny(404, ['owner', 'linkedTutor', 'admin']),
  /** The owner's assist room: its agent and its peers only (spec 00 §3: an agent only the rooms they are in). */
  room: deny(404, ['owner']),
  /** Assist records open to every agent (customers): others lack the role. */
  agents: deny(403, ['owner', 'outsideAgent']),
  /** A route for the agent role whose row belongs to one agent: non-agents 403, another agent 404. */
  agentsOwnRow: { ...deny(403, ['owner']), outsideAgent: 404 } as Expectations,
  /** Deployment administration. */
  admin: deny(403, ['admin']),
  /** Shared reference data any signed-in user reads. */
  anyUser: deny(404, ['owner', 'other', 'linkedTutor', 'unlinkedTutor', 'outsideAgent', 'admin']),
  /** The tutor who received the owner's request. */
  requestedTutor: deny(404, ['linkedTutor']),
} satisfies Record<string, Expectations>;

interface Entry {
  route: string;
  params: (w: World) => Record<string, string | number>;
  expect: Expectations;
  query?: (w: World) => string;
  body?: (w: World) => unknown;
  /** Raw audio body instead of JSON. */
  audio?: boolean;
  /** Runs after every other allowed call (it deletes or ends what others need). */
  destructive?: boolean;
  /** Runs before the allowed calls of this entry. */
  before?: (w: World) => Promise<void>;
}

const o = (w: World) => w.owns.owner;
const evaluation = { score: 80, feedback: 'clear answer', keywords: ['api'], strengths: ['structure'], improvements: ['depth'] };

const MATRIX: Entry[] = [
  // core: files, notifications, realtime, knowledge, administration
  { route: 'GET /v1/files/:id', params: (w) => ({ id: o(w).fileId }), expect: policy.ownOrAdmin },
  { route: 'GET /v1/files/:id/content', params: (w) => ({ id: o(w).fileId }), expect: policy.ownOrAdmin },
  { route: 'POST /v1/files/:id/signed-url', params: (w) => ({ id: o(w).fileId }), expect: policy.ownOrAdmin, body: () => ({}) },
  {
    route: 'GET /v1/files/:id/signed-content',
    params: (w) => ({ id: o(w).fileId }),
    // Public by design; without a valid signature nobody gets the bytes.
    expect: Object.fromEntries(ACTORS.map((a) => [a, 403])) as Expectations,
    query: () => 'expires=9999999999&signature=AAAA',
  },
  { route: 'DELETE /v1/files/:id', params: (w) => ({ id: o(w).fileId }), expect: policy.ownOrAdmin, destructive: true },
  { route: 'POST /v1/notifications/:id/read', params: (w) => ({ id: o(w).notificationId }), expect: policy.own },
  { route: 'GET /v1/realtime/presence/:channel', params: (w) => ({ channel: `user:${o(w).userId}` }), expect: policy.ownOrAdmin },
  { route: 'GET /v1/knowledge/collections/:name', params: (w) => ({ name: w.knowledge.collection }), expect: policy.anyUser },
  {
    route: 'POST /v1/knowledge/collections/:name/search',
    params: (w) => ({ name: w.knowledge.collection }),
    expect: policy.anyUser,
    body: () => ({ query: 'refund' }),
  },
  {
    route: 'POST /v1/knowledge/collections/:name/chunks',
    params: (w) => ({ name: w.knowledge.collection }),
    expect: policy.admin,
    body: () => ({ chunks: [{ content: 'Plans renew monthly.' }] }),
  },
  {
    route: 'POST /v1/knowledge/collections/:name/imports',
    params: (w) => ({ name: w.knowledge.collection }),
    expect: policy.admin,
    body: () => ({ format: 'markdown', content: '# Roaming\nBilled per day.' }),
  },
  { route: 'GET /v1/knowledge/collections/:name/imports', params: (w) => ({ name: w.knowledge.collection }), expect: policy.admin },
  { route: 'GET /v1/knowledge/imports/:id', params: (w) => ({ id: w.knowledge.importId }), expect: policy.admin },
  {
    route: 'DELETE /v1/knowledge/collections/:name/chunks/:chunkId',
    params: (w) => ({ name: w.knowledge.collection, chunkId: w.knowledge.chunkId }),
    expect: policy.admin,
    destructive: true,
  },
  {
    route: 'DELETE /v1/knowledge/collections/:name',
    params: (w) => ({ name: w.knowledge.collection }),
    expect: policy.admin,
    destructive: true,
  },
  {
    route: 'PUT /v1/admin/users/:id/roles',
    params: (w) => ({ id: o(w).userId }),
    expect: policy.admin,
    body: () => ({ product: 'tutor', role: 'student' }),
  },
  {
    route: 'DELETE /v1/admin/users/:id/roles',
    params: (w) => ({ id: o(w).userId }),
    expect: policy.admin,
    body: () => ({ product: 'tutor', role: 'tutor' }),
  },
  { route: 'PATCH /v1/admin/users/:id', params: (w) => ({ id: o(w).userId }), expect: policy.admin, body: () => ({ isActive: true }) },
  { route: 'POST /v1/admin/jobs/:id/retry', params: (w) => ({ id: w.jobId }), expect: policy.admin },
  { route: 'GET /v1/admin/webhooks/:id', params: (w) => ({ id: w.webhook.endpointId }), expect: policy.admin },
  {
    route: 'PATCH /v1/admin/webhooks/:id',
    params: (w) => ({ id: w.webhook.endpointId }),
    expect: policy.admin,
    body: () => ({ description: 'CRM' }),
  },
  { route: 'POST /v1/admin/webhooks/:id/secret', params: (w) => ({ id: w.webhook.endpointId }), expect: policy.admin },
  { route: 'GET /v1/admin/webhooks/:id/deliveries', params: (w) => ({ id: w.webhook.endpointId }), expect: policy.admin },
  {
    // The endpoint is disabled, so an admin's redelivery is a 409: past the access check, and nothing is sent.
    route: 'POST /v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    params: (w) => ({ id: w.webhook.endpointId, deliveryId: w.webhook.deliveryId }),
    expect: policy.admin,
  },
  { route: 'DELETE /v1/admin/webhooks/:id', params: (w) => ({ id: w.webhook.endpointId }), expect: policy.admin, destructive: true },

  // calls
  { route: 'GET /v1/calls/personas/:id', params: (w) => ({ id: o(w).personaId }), expect: policy.own },
  {
    route: 'PATCH /v1/calls/personas/:id',
    params: (w) => ({ id: o(w).personaId }),
    expect: policy.own,
    body: () => ({ memo: 'Liked tea.' }),
  },
  {
    route: 'POST /v1/calls/personas/:id/voice-files',
    params: (w) => ({ id: o(w).personaId }),
    expect: policy.own,
    audio: true,
  },
  { route: 'GET /v1/calls/personas/:id/voice-files', params: (w) => ({ id: o(w).personaId }), expect: policy.own },
  {
    route: 'GET /v1/calls/personas/:id/voice-files/:voiceId',
    params: (w) => ({ id: o(w).personaId, voiceId: o(w).voiceId }),
    expect: policy.own,
  },
  {
    route: 'PUT /v1/calls/personas/:id/consent',
    params: (w) => ({ id: o(w).personaId }),
    expect: policy.own,
    body: () => ({ voiceOwner: 'Someone Else', statement: 'I record that I may use this voice.' }),
  },
  { route: 'GET /v1/calls/personas/:id/consent', params: (w) => ({ id: o(w).personaId }), expect: policy.own },
  { route: 'POST /v1/calls/personas/:id/training', params: (w) => ({ id: o(w).personaId }), expect: policy.own },
  { route: 'GET /v1/calls/personas/:id/training', params: (w) => ({ id: o(w).personaId }), expect: policy.own },
  { route: 'DELETE /v1/calls/personas/:id/training', params: (w) => ({ id: o(w).personaId }), expect: policy.own },
  { route: 'GET /v1/calls/sessions/:id', params: (w) => ({ id: o(w).callId }), expect: policy.own },
  { route: 'GET /v1/calls/sessions/:id/turns', params: (w) => ({ id: o(w).callId }), expect: policy.own },
  {
    route: 'POST /v1/calls/sessions/:id/turns',
    params: (w) => ({ id: o(w).callId }),
    expect: policy.own,
    body: () => ({ text: 'Hello?' }),
  },
  { route: 'POST /v1/calls/sessions/:id/turns/audio', params: (w) => ({ id: o(w).callId }), expect: policy.own, audio: true },
  { route: 'POST /v1/calls/sessions/:id/dial', params: (w) => ({ id: o(w).callId }), expect: policy.own },
  { route: 'POST /v1/calls/sessions/:id/answer', params: (w) => ({ id: o(w).callId }), expect: policy.own },
  { route: 'POST /v1/calls/sessions/:id/hangup', params: (w) => ({ id: o(w).callId }), expect: policy.own, destructive: true },
  { route: 'GET /v1/calls/logs/:id', params: (w) => ({ id: o(w).callLogId }), expect: policy.own },
  {
    route: 'DELETE /v1/calls/personas/:id/voice-files/:voiceId',
    params: (w) => ({ id: o(w).personaId, voiceId: o(w).voiceId }),
    expect: policy.own,
    destructive: true,
  },
  { route: 'DELETE /v1/calls/personas/:id', params: (w) => ({ id: o(w).personaId }), expect: policy.own, destructive: true },
  { route: 'POST /v1/calls/personas/:id/restore', params: (w) => ({ id: o(w).personaId }), expect: policy.own, destructive: true },

  // chat
  { route: 'GET /v1/chat/personas/:id', params: () => ({ id: 'business-assistant' }), expect: policy.anyUser },
  { route: 'GET /v1/chat/personas/:id/card', params: () => ({ id: 'business-assistant' }), expect: policy.anyUser },
  {
    route: 'PATCH /v1/chat/personas/:id',
    params: () => ({ id: 'business-assistant' }),
    expect: policy.admin,
    body: () => ({ description: 'Helps with business questions.' }),
  },
  { route: 'GET /v1/chat/conversations/:id', params: (w) => ({ id: o(w).chatConversationId }), expect: policy.own },
  {
    route: 'PATCH /v1/chat/conversations/:id',
    params: (w) => ({ id: o(w).chatConversationId }),
    expect: policy.own,
    body: () => ({ title: 'Renamed' }),
  },
  { route: 'GET /v1/chat/conversations/:id/messages', params: (w) => ({ id: o(w).chatConversationId }), expect: policy.own },
  {
    route: 'POST /v1/chat/conversations/:id/messages',
    params: (w) => ({ id: o(w).chatConversationId }),
    expect: policy.own,
    body: () => ({ content: 'One more question.' }),
  },
  {
    route: 'POST /v1/chat/conversations/:id/messages/:messageId/reply',
    params: (w) => ({ id: o(w).chatConversationId, messageId: o(w).chatUserMessageId }),
    expect: policy.own,
  },
  { route: 'POST /v1/chat/conversations/:id/stop', params: (w) => ({ id: o(w).chatConversationId }), expect: policy.own },
  { route: 'POST /v1/chat/messages/:id/regenerate', params: (w) => ({ id: o(w).chatReplyId }), expect: policy.own },
  {
    route: 'PATCH /v1/chat/messages/:id',
    params: (w) => ({ id: o(w).chatUserMessageId }),
    expect: policy.own,
    body: () => ({ content: 'Edited' }),
  },
  { route: 'GET /v1/chat/messages/:id/branches', params: (w) => ({ id: o(w).chatReplyId }), expect: policy.own },
  { route: 'POST /v1/chat/messages/:id/activate', params: (w) => ({ id: o(w).chatReplyId }), expect: policy.own },
  {
    route: 'PUT /v1/chat/messages/:id/feedback',
    params: (w) => ({ id: o(w).chatReplyId }),
    expect: policy.own,
    body: () => ({ rating: 'up' }),
  },
  { route: 'DELETE /v1/chat/conversations/:id', params: (w) => ({ id: o(w).chatConversationId }), expect: policy.own, destructive: true },

  // interview
  { route: 'GET /v1/interview/sessions/:id', params: (w) => ({ id: o(w).interviewId }), expect: policy.own },
  {
    route: 'POST /v1/interview/sessions/:id/answers',
    params: (w) => ({ id: o(w).interviewId }),
    expect: policy.own,
    body: () => ({ text: 'I designed the API and its tests.', order: 1 }),
  },
  {
    route: 'POST /v1/interview/sessions/:id/answers/audio',
    params: (w) => ({ id: o(w).interviewId }),
    query: () => 'order=1',
    expect: policy.own,
    audio: true,
  },
  { route: 'POST /v1/interview/sessions/:id/questions', params: (w) => ({ id: o(w).interviewId }), expect: policy.own, body: () => ({}) },
  {
    route: 'POST /v1/interview/sessions/:id/records/:order/evaluate',
    params: (w) => ({ id: o(w).interviewId, order: 1 }),
    expect: policy.own,
  },
  {
    route: 'PUT /v1/interview/sessions/:id/records/:order/evaluation',
    params: (w) => ({ id: o(w).interviewId, order: 1 }),
    expect: policy.own,
    body: () => ({ evaluation, rubricVersion: 'review-1' }),
  },
  { route: 'POST /v1/interview/sessions/:id/abandon', params: (w) => ({ id: o(w).interviewId }), expect: policy.own, destructive: true },

  // tutor
  { route: 'POST /v1/tutor/requests/:id/approve', params: (w) => ({ id: o(w).requestId }), expect: policy.requestedTutor },
  { route: 'POST /v1/tutor/requests/:id/reject', params: (w) => ({ id: o(w).requestId }), expect: policy.requestedTutor },
  {
    route: 'POST /v1/tutor/sessions/:id/end',
    params: (w) => ({ id: o(w).learningSessionId }),
    expect: policy.own,
    body: () => ({ duration: 60, speakingDuration: 30 }),
  },
  { route: 'GET /v1/tutor/students/:studentId/sessions', params: (w) => ({ studentId: o(w).userId }), expect: policy.student },
  {
    route: 'GET /v1/tutor/students/:studentId/statistics',
    params: (w) => ({ studentId: o(w).userId }),
    expect: policy.student,
    query: () => 'from=2020-01-01&to=2030-12-31',
  },
  { route: 'GET /v1/tutor/students/:studentId/results', params: (w) => ({ studentId: o(w).userId }), expect: policy.student },
  { route: 'GET /v1/tutor/students/:studentId/conversations', params: (w) => ({ studentId: o(w).userId }), expect: policy.student },
  { route: 'GET /v1/tutor/students/:studentId/feedback', params: (w) => ({ studentId: o(w).userId }), expect: policy.student },
  { route: 'GET /v1/tutor/practice/audio/:sessionId', params: (w) => ({ sessionId: o(w).practiceSessionId }), expect: policy.ownOrAdmin },
  { route: 'GET /v1/tutor/jobs/:id', params: (w) => ({ id: o(w).practiceJobId }), expect: policy.ownOrAdmin },
  { route: 'GET /v1/tutor/conversations/:id', params: (w) => ({ id: o(w).tutorConversationId }), expect: policy.student },
  {
    route: 'POST /v1/tutor/conversations/:id/turns',
    params: (w) => ({ id: o(w).tutorConversationId }),
    expect: policy.own,
    body: () => ({ text: 'One latte, please.' }),
  },
  {
    route: 'DELETE /v1/tutor/tutors/:tutorId',
    params: (w) => ({ tutorId: w.accounts.linkedTutor.user.id }),
    expect: policy.own,
    destructive: true,
  },
  {
    route: 'DELETE /v1/tutor/students/:studentId',
    params: (w) => ({ studentId: o(w).userId }),
    expect: deny(404, ['linkedTutor']),
    destructive: true,
    before: relink,
  },

  // assist
  { route: 'GET /v1/assist/customers/:id', params: (w) => ({ id: w.assist.customerId }), expect: policy.agents },
  { route: 'GET /v1/assist/customers/:id/summary', params: (w) => ({ id: w.assist.customerId }), expect: policy.agents },
  { route: 'GET /v1/assist/rooms/:id', params: (w) => ({ id: w.assist.roomId }), expect: policy.room },
  {
    route: 'POST /v1/assist/rooms/:id/join',
    params: (w) => ({ id: w.assist.roomId }),
    expect: policy.room,
    body: () => ({ nickname: 'me' }),
  },
  {
    route: 'PUT /v1/assist/rooms/:id/transcripts/:segmentId',
    params: (w) => ({ id: w.assist.roomId, segmentId: 'matrix-1' }),
    expect: policy.room,
    body: () => ({ text: 'partial words', isFinal: false, startMs: 9000, endMs: 9500 }),
  },
  {
    route: 'POST /v1/assist/rooms/:id/transcripts',
    params: (w) => ({ id: w.assist.roomId }),
    expect: policy.room,
    body: () => ({ segments: [{ segmentId: 'matrix-2', text: 'more words', isFinal: false, startMs: 9600, endMs: 9900 }] }),
  },
  { route: 'POST /v1/assist/rooms/:id/transcripts/audio', params: (w) => ({ id: w.assist.roomId }), expect: policy.room, audio: true },
  { route: 'GET /v1/assist/rooms/:id/transcripts', params: (w) => ({ id: w.assist.roomId }), expect: policy.room },
  { route: 'GET /v1/assist/rooms/:id/assistant', params: (w) => ({ id: w.assist.roomId }), expect: policy.room },
  {
    route: 'POST /v1/assist/results/:id/feedback',
    params: (w) => ({ id: w.assist.resultId }),
    expect: policy.agentsOwnRow,
    body: () => ({ feedback: 'accepted' }),
  },
  { route: 'GET /v1/assist/sessions/:id', params: (w) => ({ id: w.assist.consultationId }), expect: policy.agentsOwnRow },
  { route: 'POST /v1/assist/rooms/:id/leave', params: (w) => ({ id: w.assist.roomId }), expect: policy.room, destructive: true },
  { route: 'POST /v1/assist/rooms/:id/end', params: (w) => ({ id: w.assist.roomId }), expect: policy.room, destructive: true },
];

async function relink(w: World) {
  const req = await w.app.inject({
    method: 'POST',
    url: '/v1/tutor/requests',
    headers: w.accounts.owner.auth,
    payload: { tutorId: w.accounts.linkedTutor.user.id },
  });
  expect(req.statusCode, req.body).toBe(201);
  const ok = await w.app.inject({
    method: 'POST',
    url: `/v1/tutor/requests/${req.json().id}/approve`,
    headers: w.accounts.linkedTutor.auth,
  });
  expect(ok.statusCode, ok.body).toBe(200);
}

let t: TestApp;
let w: World;
let logs: LogCapture;
beforeAll(async () => {
  logs = captureLogs();
  t = await createSecurityApp({ config: { logLevel: 'debug' }, deps: { logger: {} } });
  w = await buildWorld(t.app);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await t?.close();
  logs?.stop();
});

function request(entry: Entry, actor: ActorName) {
  const [method, pattern] = entry.route.split(' ') as [string, string];
  const params = entry.params(w);
  const url =
    pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name]))) +
    (entry.query ? `?${entry.query(w)}` : '');
  const headers: Record<string, string> = actor === 'anonymous' ? {} : { ...w.accounts[actor].auth };
  if (entry.audio) {
    headers['content-type'] = 'audio/wav';
    headers['x-file-name'] = 'clip.wav';
    return t.app.inject({ method: method as 'POST', url, headers, payload: spokenWav('I handled the migration myself.') });
  }
  const body = entry.body?.(w);
  return t.app.inject({ method: method as 'POST', url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
}

/** A dump taken once background work (imports, evaluations, the assistant) has stopped changing the data. */
async function settledDump() {
  let last = await databaseDump(t.database);
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const next = await databaseDump(t.database);
    const same = Object.keys(next).every((k) => k.startsWith('pgboss.') || JSON.stringify(next[k]) === JSON.stringify(last[k]));
    last = next;
    if (same) return next;
  }
  throw new Error('the database did not settle within 30 s');
}

const granted = (status: number) => status < 500 && ![401, 403, 404].includes(status);

/** Per channel kind: the owner's channel and who may follow it (the same rules as the HTTP routes). */
const CHANNELS: Record<string, { id: (w: World) => string; expect: Expectations }> = {
  user: { id: (w) => o(w).userId, expect: policy.ownOrAdmin },
  call: { id: (w) => o(w).callId, expect: policy.own },
  conversation: { id: (w) => o(w).chatConversationId, expect: policy.own },
  interview: { id: (w) => o(w).interviewId, expect: policy.own },
  room: { id: (w) => w.assist.roomId, expect: policy.room },
  student: { id: (w) => o(w).userId, expect: policy.student },
  // tutor:<id> is the tutor's own dashboard channel: here the linked tutor's.
  tutor: { id: (w) => w.accounts.linkedTutor.user.id, expect: deny(404, ['linkedTutor', 'admin']) },
};

describe('realtime channels', () => {
  it('refuses a subscription to someone else’s channel for every channel kind in the registry', async () => {
    const kinds = createChannelRegistry(allProducts).kinds();
    expect(
      kinds.filter((k) => !CHANNELS[k]),
      'channel kinds missing from the table',
    ).toEqual([]);
    const url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
    const failures: string[] = [];
    for (const actor of ACTORS) {
      if (actor === 'anonymous') {
        const socket = await TestSocket.open(url);
        socket.send({ type: 'subscribe', channel: `user:${o(w).userId}` });
        const reply = await socket.next((m) => m.type === 'error' || m.type === 'subscribed');
        if (reply.type !== 'error' || reply.code !== 'auth.required') failures.push(`anonymous subscribe: ${JSON.stringify(reply)}`);
        await socket.closed;
        continue;
      }
      const socket = await TestSocket.connect(url, w.accounts[actor].tokens.accessToken);
      for (const kind of kinds) {
        const channel = `${kind}:${CHANNELS[kind]!.id(w)}`;
        const reply = await socket.subscribe(channel);
        const want = CHANNELS[kind]!.expect[actor];
        const got = reply.type === 'subscribed' ? 'ok' : reply.code === 'realtime.channel_not_found' ? 404 : `${reply.code}`;
        if (got !== want) failures.push(`${channel} as ${actor}: ${got} (want ${want})`);
        // A refusal names the channel and nothing of what is in it.
        if (reply.type !== 'subscribed' && JSON.stringify(reply).includes(w.owns.owner.personaId)) failures.push(`${channel} reply leaks`);
      }
      await socket.close();
    }
    expect(failures).toEqual([]);
  });
});

describe('access matrix', () => {
  it('covers every route that takes a parameter, and only routes that exist', () => {
    const withParams = t.app.routeList.filter((r) => r.url.includes(':') && !r.hidden).map((r) => `${r.method} ${r.url}`);
    const covered = new Set(MATRIX.map((e) => e.route));
    expect(
      withParams.filter((r) => !covered.has(r)),
      'routes with a parameter missing from the matrix',
    ).toEqual([]);
    expect(
      [...covered].filter((r) => !withParams.includes(r)),
      'matrix entries with no route',
    ).toEqual([]);
    expect(MATRIX.length).toBe(covered.size);
  });

  it('refuses every caller the policy refuses, shows them none of the data, and changes nothing in the database', async () => {
    const before = await settledDump();
    const failures: string[] = [];
    let calls = 0;
    const ownerValues = w.personal.filter((p) => p.what.startsWith('persona') || p.what.startsWith('voice')).map((p) => p.value);
    for (const entry of MATRIX) {
      for (const actor of ACTORS) {
        const want = entry.expect[actor];
        if (want === 'ok') continue;
        const res = await request(entry, actor);
        calls++;
        if (res.statusCode !== want)
          failures.push(`${entry.route} as ${actor}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 200)}`);
        else if (!String(res.headers['content-type']).startsWith('application/problem+json'))
          failures.push(`${entry.route} as ${actor}: ${res.headers['content-type']} is not problem+json`);
        for (const value of ownerValues) if (res.body.includes(value)) failures.push(`${entry.route} as ${actor} shows ${value}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await databaseDump(t.database);
    const changed = Object.keys(after).filter(
      (table) => !table.startsWith('pgboss.') && JSON.stringify(after[table]) !== JSON.stringify(before[table]),
    );
    expect(changed, 'tables changed by refused requests').toEqual([]);
    const jobs = (dump: Record<string, string[]>) =>
      new Map((dump['pgboss.job'] ?? []).map((r) => JSON.parse(r) as { id: string; name: string }).map((j) => [j.id, j.name]));
    // Schedules (sweeps, roll-ups) fire on their own clock; anything else new was queued by a request.
    const scheduled = new Set((await t.database.query<{ name: string }>('SELECT name FROM pgboss.schedule')).map((r) => r.name));
    const queued = [...jobs(after)]
      .filter(([id, name]) => !jobs(before).has(id) && !scheduled.has(name) && !name.startsWith('__pgboss__'))
      .map(([, name]) => name);
    expect(queued, 'jobs queued by refused requests').toEqual([]);
    expect(calls).toBeGreaterThan(MATRIX.length * 4);
    console.info(`access matrix: ${MATRIX.length} routes, ${calls} refused calls`);
  });

  it('lets every caller the policy allows through', async () => {
    const ordered = [...MATRIX.filter((e) => !e.destructive), ...MATRIX.filter((e) => e.destructive)];
    const failures: string[] = [];
    for (const entry of ordered) {
      await entry.before?.(w);
      // A destructive call succeeds once: it is made by the first allowed caller (the owner where the owner may).
      const allowed = ACTORS.filter((a) => entry.expect[a] === 'ok');
      for (const actor of entry.destructive ? allowed.slice(0, 1) : allowed) {
        const res = await request(entry, actor);
        if (!granted(res.statusCode)) failures.push(`${entry.route} as ${actor}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('lists', () => {
  it('show nobody another user’s rows: every list route, as every signed-in user', async () => {
    const lists = t.app.routeList.filter((r) => r.method === 'GET' && !r.url.includes(':') && !r.public && !r.hidden);
    const query: Record<string, string> = {
      '/v1/tutor/requests': 'side=sent',
      '/v1/assist/customers': 'phone=010-0000-0000',
    };
    // What a user may see of someone else: a tutor sees their own students' learning rows and requests (the owner's
    // tutor is linkedTutor; unlinkedTutor is the other student's tutor, and unlinked to the owner).
    const tutorVisible = (key: string) => ['learningSessionId', 'tutorConversationId', 'requestId', 'practiceSessionId'].includes(key);
    const failures: string[] = [];
    let calls = 0;
    for (const actor of ACTORS) {
      if (actor === 'anonymous') continue;
      const me = w.accounts[actor];
      for (const route of lists) {
        const urls =
          route.url === '/v1/tutor/requests'
            ? [`${route.url}?side=sent`, `${route.url}?side=received&status=APPROVED`]
            : [route.url + (query[route.url] ? `?${query[route.url]}` : '')];
        for (const url of urls) {
          const res = await t.app.inject({ url, headers: me.auth });
          calls++;
          if (res.statusCode >= 500) failures.push(`${url} as ${actor}: ${res.statusCode}`);
          if (res.statusCode !== 200) continue;
          for (const [owner, resources] of Object.entries(w.owns)) {
            if (resources.userId === me.user.id) continue;
            const linked = (owner === 'owner' && actor === 'linkedTutor') || (owner === 'other' && actor === 'unlinkedTutor');
            if (actor === 'admin' && route.url.startsWith('/v1/admin/')) continue;
            for (const [key, id] of Object.entries(resources)) {
              if (key === 'userId' || (linked && tutorVisible(key))) continue;
              if (res.body.includes(String(id))) failures.push(`${url} as ${actor} shows ${owner}'s ${key}`);
            }
          }
          for (const p of w.personal) {
            if (!p.owner || w.owns[p.owner].userId === me.user.id) continue;
            if (res.body.includes(p.value)) failures.push(`${url} as ${actor} shows ${p.owner}'s ${p.what}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(lists.length * 5);
    console.info(`lists: ${lists.length} list routes, ${calls} calls`);
  });
});

describe('personal fields at rest and in logs', () => {
  it('no personal value the fixtures wrote is in plaintext in any text or JSON column of any table', async () => {
    const columns = await textColumns(t.database);
    expect(columns.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const p of w.personal) {
      const needle = p.value.toLowerCase();
      for (const c of columns) if (c.value.toLowerCase().includes(needle)) leaks.push(`${p.what} in ${c.column}`);
    }
    expect(leaks).toEqual([]);
    // The check can fail: the texts that are stored as they are (messages, transcripts) are found by the same search.
    for (const text of w.content)
      expect(
        columns.some((c) => c.value.includes(text)),
        text,
      ).toBe(true);
  });

  it('no personal value or message text is in any log line the server wrote during the suite', () => {
    const lines = logs.lines();
    expect(lines.length).toBeGreaterThan(100);
    expect(
      lines.some((l) => l.includes(w.owns.owner.personaId)),
      'request lines name resource ids',
    ).toBe(true);
    const leaks: string[] = [];
    for (const needle of [...w.personal.map((p) => p.value), ...w.content]) {
      const hit = lines.find((l) => l.toLowerCase().includes(needle.toLowerCase()));
      if (hit) leaks.push(`${needle}: ${hit.slice(0, 300)}`);
    }
    expect(leaks).toEqual([]);
  });
});
