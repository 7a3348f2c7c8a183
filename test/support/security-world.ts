// The security suite's fixture world: users in each role and one resource of each kind per owner, built through the public API.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { toneWav } from '../../src/products/calls/seed.js';
import { readWav, writeWav } from '../../src/core/ai/providers/offline/wav.js';
import { allProducts } from '../../src/products/index.js';
import type { AppDeps } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { createTestApp, signUp } from './test-app.js';
import { waitForValue } from './wait-for.js';

export type Account = Awaited<ReturnType<typeof signUp>>;
export type ActorName = 'owner' | 'other' | 'linkedTutor' | 'unlinkedTutor' | 'outsideAgent' | 'anonymous' | 'admin';
export const ACTORS: ActorName[] = ['owner', 'other', 'linkedTutor', 'unlinkedTutor', 'outsideAgent', 'anonymous', 'admin'];

/** One user's resources: the ids a route's parameters take. */
export interface Resources {
  userId: string;
  personaId: string;
  voiceId: string;
  callId: string;
  callLogId: string;
  chatConversationId: string;
  chatUserMessageId: string;
  chatReplyId: string;
  interviewId: string;
  learningSessionId: string;
  practiceSessionId: string;
  practiceJobId: string;
  tutorConversationId: string;
  fileId: string;
  notificationId: string;
  requestId: string;
}

export interface World {
  app: FastifyInstance;
  accounts: Record<Exclude<ActorName, 'anonymous'>, Account>;
  /** owner: student linked to linkedTutor and an agent with an open room; other: a student linked to unlinkedTutor. */
  owns: { owner: Resources; other: Resources };
  assist: { roomId: string; endedRoomId: string; customerId: string; resultId: string; consultationId: string };
  knowledge: { collection: string; chunkId: string; importId: string };
  /** A job in the durable queue (the admin's retry route takes it). */
  jobId: string;
  /** An outbound webhook endpoint that no receiver answers (disabled after its first failed delivery) and that delivery. */
  webhook: { endpointId: string; deliveryId: string };
  /** Personal values the fixtures wrote: none may appear in plaintext in the database or in a log line. */
  /** `owner` names whose resource the value belongs to, where it is one of the two resource owners'. */
  personal: { value: string; what: string; owner?: 'owner' | 'other' }[];
  /** Message and transcript texts: stored as they are, but never written to a log line. */
  content: string[];
  /** Every id a user's resources have, per user: lists must show no one else's. */
  privateIds: Map<string, Set<string>>;
}

/** The app the world lives in: every product, jobs polled often, and the assistant answering after two finals. */
export function createSecurityApp(opts: { config?: Partial<Config>; deps?: AppDeps } = {}) {
  return createTestApp({
    config: {
      productEnvironment: {
        ASSIST_SUMMARY_EVERY_FINALS: '2',
        ASSIST_SUMMARY_INTERVAL_SECONDS: '3600',
        ASSIST_EMPTY_ROOM_SECONDS: '600',
        ASSIST_SUGGESTION_COUNT: '2',
      },
      // A failed webhook delivery is not retried, so nothing changes on its own while the suite compares the database.
      webhooks: { retries: 0, retrySeconds: 1, timeoutMs: 2000 },
      ...opts.config,
    },
    deps: { products: allProducts, jobs: { pollingSeconds: 0.5 }, ...opts.deps },
  });
}

/** A WAV clip as the offline speech engine makes it: the offline transcriber reads its text back. */
export function spokenWav(text: string): Buffer {
  return writeWav(readWav(toneWav(0.2, 300))!, { ICMT: `talkbase-offline-transcript:${Buffer.from(text).toString('base64')}` });
}

const unique = () => randomBytes(4).toString('hex');

async function call(
  app: FastifyInstance,
  method: string,
  url: string,
  who: Account | null,
  payload?: unknown,
  expected = [200, 201, 202, 204],
) {
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers: who ? who.auth : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  if (!expected.includes(res.statusCode)) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? (res.json() as any) : null;
}

async function promote(app: FastifyInstance, user: Account) {
  await app.core.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [user.user.id]);
}

async function takeRole(app: FastifyInstance, u: Account, role: 'student' | 'tutor', name: string) {
  await call(app, 'POST', '/v1/me/roles', u, { product: 'tutor', role });
  await call(app, 'PUT', '/v1/tutor/profile', u, { role, name, ...(role === 'tutor' ? { isAccepting: true, maxStudents: 10 } : {}) });
}

/** One user's resources in every product; `tag` makes each personal value unique so a leak names its source. */
async function resourcesOf(
  app: FastifyInstance,
  u: Account,
  tutor: Account,
  tag: string,
  who: 'owner' | 'other',
  personal: World['personal'],
  content: string[],
): Promise<Resources> {
  const personaName = `Persona ${tag} Hwang`;
  const phone = `+82 10-${String(1000 + Math.floor(Math.random() * 8999))}-${String(1000 + Math.floor(Math.random() * 8999))}`;
  personal.push({ value: personaName, what: 'persona name', owner: who }, { value: phone, what: 'persona phone number', owner: who });
  const persona = await call(app, 'POST', '/v1/calls/personas', u, {
    name: personaName,
    phoneNumber: phone,
    relationship: 'grandmother',
    memo: `Memo of ${tag}`,
  });
  const voiceOwner = `Voice Owner ${tag} Hwang`;
  personal.push({ value: voiceOwner, what: 'consent voice owner', owner: who });
  await call(app, 'PUT', `/v1/calls/personas/${persona.id}/consent`, u, {
    voiceOwner,
    statement: 'I am her grandchild and the family agreed to keep her voice.',
  });
  const voiceName = `voice-of-${tag}-kim.wav`;
  personal.push({ value: voiceName, what: 'voice file name', owner: who });
  const voiceRes = await app.inject({
    method: 'POST',
    url: `/v1/calls/personas/${persona.id}/voice-files`,
    headers: { ...u.auth, 'content-type': 'audio/wav', 'x-file-name': voiceName },
    payload: toneWav(0.25, 330),
  });
  if (voiceRes.statusCode !== 201) throw new Error(`voice upload: ${voiceRes.statusCode} ${voiceRes.body}`);
  const call1 = await call(app, 'POST', '/v1/calls/sessions', u, { personaId: persona.id });
  const call2 = await call(app, 'POST', '/v1/calls/sessions', u, { personaId: persona.id });
  await call(app, 'POST', `/v1/calls/sessions/${call2.id}/hangup?reason=cancelled`, u);
  const logs = await call(app, 'GET', '/v1/calls/logs', u);

  const chat = await call(app, 'POST', '/v1/chat/conversations', u, { personaId: 'business-assistant', title: `Chat ${tag}` });
  const chatText = `My secret plan ${tag} for the quarter`;
  content.push(chatText);
  const exchange = await call(app, 'POST', `/v1/chat/conversations/${chat.id}/messages`, u, { content: chatText });

  const interview = await call(app, 'POST', '/v1/interview/sessions', u, { position: 'Backend Developer', questionCount: 3 });

  const learning = await call(app, 'POST', '/v1/tutor/sessions', u, { sessionType: 'practice' });
  const practiceSessionId = randomUUID();
  const sentences = await call(app, 'POST', '/v1/tutor/practice/audio', u, {
    sessionId: practiceSessionId,
    sentences: [{ english: 'I would like a coffee.', korean: '커피 주세요.' }],
  });
  const tutorConversation = await call(app, 'POST', '/v1/tutor/conversations', u, {
    role: 'shop clerk',
    situation: 'buying coffee',
    difficulty: '중',
  });
  const request = await call(app, 'POST', '/v1/tutor/requests', u, { tutorId: tutor.user.id, message: `please ${tag}` });
  await call(app, 'POST', `/v1/tutor/requests/${request.id}/approve`, tutor);
  const notifications = await waitForValue('the approval notification', async () => {
    const list = await call(app, 'GET', '/v1/notifications', u);
    return list.items.length ? list.items : null;
  });

  const file = await app.inject({
    method: 'POST',
    url: '/v1/files',
    headers: { ...u.auth, 'content-type': 'audio/wav', 'x-file-name': `upload-${tag}.wav` },
    payload: toneWav(0.1, 440),
  });
  if (file.statusCode !== 201) throw new Error(`file upload: ${file.statusCode} ${file.body}`);

  return {
    userId: u.user.id,
    personaId: persona.id,
    voiceId: voiceRes.json().id,
    callId: call1.id,
    callLogId: logs.items[0].id,
    chatConversationId: chat.id,
    chatUserMessageId: exchange.userMessage.id,
    chatReplyId: exchange.assistantMessage.id,
    interviewId: interview.session.id,
    learningSessionId: learning.id,
    practiceSessionId,
    practiceJobId: sentences[0].jobId,
    tutorConversationId: tutorConversation.conversationId,
    fileId: file.json().id,
    notificationId: notifications[0].id,
    requestId: request.id,
  };
}

/** Builds the world through the public API (the admin flag is the one thing set in the database, as `talkbase admin grant` does). */
export async function buildWorld(app: FastifyInstance): Promise<World> {
  const personal: World['personal'] = [];
  const content: string[] = [];
  const account = async (label: string) => {
    const email = `${label}.${unique()}@example.org`;
    personal.push({ value: email, what: `${label}'s email` });
    return signUp(app, email, `pass phrase of ${label}`);
  };
  const admin = await account('ada');
  await promote(app, admin);
  const owner = await account('alice');
  const other = await account('bob');
  const linkedTutor = await account('tom');
  const unlinkedTutor = await account('uma');
  const outsideAgent = await account('gina');
  const names = { owner: 'Alice Park', other: 'Bob Choi', linkedTutor: 'Tom Lee', unlinkedTutor: 'Uma Song' };
  for (const [key, name] of Object.entries(names)) {
    const full = `${name} ${unique()}`;
    personal.push({ value: full, what: `${key}'s full name` });
    names[key as keyof typeof names] = full;
  }
  await takeRole(app, owner, 'student', names.owner);
  await takeRole(app, other, 'student', names.other);
  await takeRole(app, linkedTutor, 'tutor', names.linkedTutor);
  await takeRole(app, unlinkedTutor, 'tutor', names.unlinkedTutor);
  for (const [who, name] of [
    [owner, names.owner],
    [other, names.other],
  ] as const) {
    await call(app, 'PATCH', '/v1/me', who, { fullName: name });
  }

  // Nothing listens on port 9: the tutor links below are delivered there, fail, and the endpoint is disabled.
  const endpoint = await call(
    app,
    'POST',
    '/v1/admin/webhooks',
    admin,
    { url: 'http://127.0.0.1:9/talkbase', eventTypes: ['tutor.student.linked'] },
    [201],
  );
  const ownerRes = await resourcesOf(app, owner, linkedTutor, `A${unique()}`, 'owner', personal, content);
  const otherRes = await resourcesOf(app, other, unlinkedTutor, `B${unique()}`, 'other', personal, content);

  // Assist: the owner and gina are agents; the owner's room has a customer in it and AI results.
  for (const [i, who] of [owner, outsideAgent].entries()) {
    await call(app, 'POST', '/v1/assist/agents', admin, { userId: who.user.id, agentCode: `AG-${i}-${unique()}`, agentName: `Agent ${i}` });
  }
  const customerName = `Customer ${unique()} Jung`;
  const customerPhone = `010-${String(1000 + Math.floor(Math.random() * 8999))}-${String(1000 + Math.floor(Math.random() * 8999))}`;
  personal.push({ value: customerName, what: 'customer name' }, { value: customerPhone, what: 'customer phone number' });
  const customer = await call(app, 'POST', '/v1/assist/customers', owner, { customerName, phoneNumber: customerPhone, monthlyFee: 55000 });
  const room = await call(app, 'POST', '/v1/assist/rooms', owner, { roomName: 'plan change', customerId: customer.id });
  await call(app, 'POST', `/v1/assist/rooms/${room.id}/join`, owner, { nickname: 'agent' });
  const transcript = `I want to cancel my data roaming ${unique()} please`;
  content.push(transcript);
  await call(app, 'POST', `/v1/assist/rooms/${room.id}/transcripts`, owner, {
    segments: Array.from({ length: 4 }, (_, i) => ({
      segmentId: `s${i}`,
      text: i === 0 ? transcript : `How much does the premium plan cost, question ${i}?`,
      isFinal: true,
      startMs: i * 1000,
      endMs: i * 1000 + 900,
    })),
  });
  const resultId = await waitForValue(
    'an assistant result in the room',
    async () => (await call(app, 'GET', `/v1/assist/rooms/${room.id}/assistant`, owner)).results[0]?.id as string | undefined,
  );
  const ended = await call(app, 'POST', '/v1/assist/rooms', owner, { roomName: 'finished call', customerId: customer.id });
  await call(app, 'POST', `/v1/assist/rooms/${ended.id}/join`, owner, { nickname: 'agent' });
  await call(app, 'PUT', `/v1/assist/rooms/${ended.id}/transcripts/t1`, owner, {
    text: 'Thank you',
    isFinal: true,
    startMs: 0,
    endMs: 500,
  });
  const endedOut = await call(app, 'POST', `/v1/assist/rooms/${ended.id}/end`, owner);

  // Knowledge: an admin's collection with a chunk and an import.
  const collection = `sec-${unique()}`;
  await call(app, 'POST', '/v1/knowledge/collections', admin, { name: collection, dimension: 64 });
  const chunks = await call(app, 'POST', `/v1/knowledge/collections/${collection}/chunks`, admin, {
    chunks: [{ content: 'Refunds are paid within 14 days.' }],
  });
  const imported = await call(app, 'POST', `/v1/knowledge/collections/${collection}/imports`, admin, {
    format: 'json',
    content: JSON.stringify([{ content: 'Roaming is billed per day.' }]),
  });

  const jobs = await call(app, 'GET', '/v1/admin/jobs?limit=1', admin);
  const deliveries = await waitForValue('the webhook deliveries to settle', async () => {
    const page = await call(app, 'GET', `/v1/admin/webhooks/${endpoint.id}/deliveries`, admin);
    return page.items.length && page.items.every((d: { status: string }) => d.status !== 'pending') ? page.items : null;
  });

  const privateIds = new Map<string, Set<string>>();
  for (const r of [ownerRes, otherRes]) {
    const { userId, ...rest } = r;
    privateIds.set(userId, new Set(Object.values(rest)));
  }
  return {
    app,
    accounts: { owner, other, linkedTutor, unlinkedTutor, outsideAgent, admin },
    owns: { owner: ownerRes, other: otherRes },
    assist: { roomId: room.id, endedRoomId: ended.id, customerId: customer.id, resultId, consultationId: endedOut.session.id },
    knowledge: { collection, chunkId: chunks.ids[0], importId: imported.id },
    jobId: jobs.items[0].id,
    webhook: { endpointId: endpoint.id, deliveryId: deliveries[0].id },
    personal,
    content,
    privateIds,
  };
}
