import { eq, inArray } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { users } from '../../core/identity/schema.js';
import { DEMO_EMAIL } from '../../core/seed.js';
import { personas } from './schema.js';
import { applyTrainingStatus } from './training.js';
import { say } from './conversation.js';
import { registerVoiceFile } from './voice-files.js';
import { createPersona } from './operations/create-persona.js';
import { recordConsent } from './operations/record-consent.js';
import { startTraining } from './operations/start-training.js';
import { startCall } from './operations/start-call.js';
import { dialCall } from './operations/dial-call.js';
import { answerCall } from './operations/answer-call.js';
import { endCall } from './operations/end-call.js';

/** A short PCM WAV tone: a stand-in recording (the offline engine does not listen to it). */
export function toneWav(seconds = 1, hz = 220, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 8000), 44 + i * 2);
  return buf;
}

const DEMO_PERSONAS = [
  {
    name: 'Grandma Rose',
    phoneNumber: '+82 10-1234-5678',
    relationship: 'grandmother',
    memo: 'She grew tomatoes every summer, called everyone "sweetheart", and always asked whether you had eaten.',
    train: true,
  },
  {
    name: 'Uncle Min',
    phoneNumber: '+82 10-8765-4321',
    relationship: 'uncle',
    memo: 'A fisherman who told long stories about the sea and laughed at his own jokes.',
    train: false,
  },
];

/** How long the seed waits for the demo training (the offline engine takes three steps of AI_OFFLINE_TRAINING_STEP_MS). */
const TRAINING_WAIT_MS = 60_000;

async function waitForTraining(core: ProductContext, personaId: string, jobId: string): Promise<boolean> {
  const until = Date.now() + TRAINING_WAIT_MS;
  while (Date.now() < until) {
    const job = await core.ai.getJobStatus(jobId);
    await core.db.transaction((tx) => applyTrainingStatus(core, tx as unknown as Db, job));
    const [p] = await core.db.select({ status: personas.learningStatus }).from(personas).where(eq(personas.id, personaId));
    if (p?.status !== 'IN_PROGRESS') return p?.status === 'COMPLETED';
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** The demo account's phonebook: two personas with a recording each, one trained voice and a few calls. */
export async function seedCalls(core: ProductContext, progress: (m: string) => void): Promise<void> {
  const [demo] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, core.accounts.emailLookup(DEMO_EMAIL)));
  if (!demo) return;
  const existing = await core.db.select({ id: personas.id }).from(personas).where(eq(personas.userId, demo.id)).limit(1);
  if (existing.length) return progress('demo personas exist');
  for (const [i, spec] of DEMO_PERSONAS.entries()) {
    const persona = await createPersona(core, demo.id, spec);
    const file = await core.files.store({
      ownerId: demo.id,
      product: 'calls',
      purpose: 'voice-sample',
      body: toneWav(1, 220 + i * 110),
      contentType: 'audio/wav',
      originalName: `${spec.name} voicemail.wav`,
    });
    await registerVoiceFile(core, demo.id, persona.id, file);
    await recordConsent(core, demo.id, persona.id, {
      voiceOwner: spec.name,
      statement: 'I am family and keep these recordings with the consent of the family.',
    });
    progress(`persona ${spec.name} with a voice file`);
    if (!spec.train) continue;
    const started = await startTraining(core, demo.id, persona.id);
    if (!(await waitForTraining(core, persona.id, started.jobId!))) {
      progress(`training of ${spec.name} has not finished yet; it completes in the background`);
      continue;
    }
    progress(`${spec.name}'s voice is trained`);
    for (const lines of [['Hi Grandma, it is me.', 'I planted tomatoes this year.'], ['Grandma, I got the job!']]) {
      const call = await startCall(core, demo.id, persona.id);
      await dialCall(core, demo.id, call.id);
      await answerCall(core, demo.id, call.id);
      for (const text of lines) await say(core, demo.id, call.id, { text });
      await endCall(core, demo.id, call.id, 'user_hangup');
    }
    progress('two demo calls with Grandma Rose');
  }
}
