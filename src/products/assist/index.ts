import { eq } from 'drizzle-orm';
import { defineProduct, type ChannelKind } from '../../core/product.js';
import { DEMO_EMAIL } from '../../core/seed.js';
import { AppError } from '../../core/http/errors.js';
import * as tables from './schema.js';
import { AGENT_ROLE, agentByUser, createCustomer, findCustomersByPhone, registerAgent } from './customers.js';
import { endEmptyRooms, openRoom } from './rooms.js';
import { canFollowRoom, roomPresenceChanged } from './peer-presence.js';
import { ASSISTANT_JOB } from './transcripts.js';
import { assistQuietRooms, runAssistant } from './assistant.js';
import { importFaqDocuments } from './knowledge-documents.js';
import { TELECOM_FAQ } from './telecom-faq.js';
import { assistRoutes } from './routes.js';
import { transcriptMessage } from './transcript-stream.js';
import { assistRetention, trimConsultationDigests } from './retention.js';
import { assistWebhookEvents } from './webhooks.js';
import { assistAiTasks } from './ai-tasks.js';
import { assistSettings } from './environment.js';

/**
 * `room:<id>`: the room's agent and the peers in the room now; signaling and transcripts flow here. A peer whose
 * last connection drops is marked left, and takes its place back when it reconnects while the room goes on.
 */
const roomChannelKind: ChannelKind = {
  kind: 'room',
  authorize: (core, user, id) => canFollowRoom(core, user, id),
  onPresence: roomPresenceChanged,
};

const DEMO_CUSTOMERS = [
  {
    customerName: '김민준',
    phoneNumber: '010-1234-5678',
    age: 34,
    gender: 'M',
    residence: '서울',
    membershipGrade: 'VIP',
    currentPlan: '5G 프리미엄',
    monthlyFee: 89000,
    contractStatus: '약정 12개월 남음',
    bundleInfo: '인터넷+TV 결합',
    dataAllowance: '무제한',
    subscriptionDate: '2022-03-15',
  },
  {
    customerName: '이서연',
    phoneNumber: '010-9876-5432',
    age: 27,
    gender: 'F',
    residence: '부산',
    membershipGrade: 'Gold',
    currentPlan: 'LTE 베이직',
    monthlyFee: 33000,
    contractStatus: '무약정',
    bundleInfo: null,
    dataAllowance: '3GB',
    subscriptionDate: '2023-07-01',
  },
];

export const assistProduct = defineProduct({
  name: 'assist',
  settings: assistSettings,
  tables,
  webhookEvents: assistWebhookEvents,
  aiTasks: assistAiTasks,
  roles: [
    {
      name: AGENT_ROLE,
      description: 'A contact-center agent: opens rooms, sees customers and the assistant’s suggestions (granted by an admin)',
    },
  ],
  routes: assistRoutes,
  channels: [roomChannelKind],
  configuredRetention: assistRetention,
  messages: [transcriptMessage],
  jobs: [
    {
      name: ASSISTANT_JOB,
      retryLimit: 2,
      retryDelay: 2,
      timeoutSeconds: 120,
      run: async (core, data: { roomId: string }) => void (await runAssistant(core, data.roomId)),
    },
  ],
  schedules: [
    {
      name: 'assist.room-rules',
      cron: '* * * * *',
      async run(core) {
        await assistQuietRooms(core);
        await endEmptyRooms(core);
      },
    },
    {
      // The digest of consultations kept on each customer follows the record retention of the history it summarizes.
      name: 'assist.consultation-digests',
      cron: '20 3 * * *',
      run: async (core) => void (await trimConsultationDigests(core)),
    },
  ],
  async seed(core, progress, demo) {
    const existing = await core.knowledge.getCollection(core.settings(assistSettings).knowledgeCollection).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
    if (existing?.chunkCount) progress(`telecom FAQ exists (${existing.chunkCount} chunks)`);
    else {
      const out = await importFaqDocuments(core, TELECOM_FAQ);
      progress(`telecom FAQ: ${out.imported} documents in ${out.collection}`);
    }
    const demoId = await demo.account({ email: DEMO_EMAIL, fullName: 'Demo User' });
    let agent = await agentByUser(core, demoId);
    if (!agent) {
      agent = await registerAgent(core, { userId: demoId, agentCode: 'A-0001', agentName: 'Demo Agent' });
      progress(`demo account is agent ${agent.agentCode}`);
    }
    for (const c of DEMO_CUSTOMERS) {
      if ((await findCustomersByPhone(core, c.phoneNumber)).length) continue;
      await createCustomer(core, c);
      progress(`demo customer ${c.phoneNumber}`);
    }
    // A room waiting for the first customer, so the desk has a call to open (its join code lets anyone be the caller).
    const caller = DEMO_CUSTOMERS[0]!;
    const [anyRoom] = await core.db.select({ id: tables.rooms.id }).from(tables.rooms).where(eq(tables.rooms.agentId, agent.id)).limit(1);
    if (!anyRoom) {
      const [customer] = await findCustomersByPhone(core, caller.phoneNumber);
      await openRoom(core, agent, { roomName: `${caller.customerName} 고객 요금제 상담`, customerId: customer?.id ?? null });
      progress(`a room waits for ${caller.customerName}`);
    }
    await demo.account({
      email: DEMO_EMAIL,
      fullName: 'Demo User',
      opens: `assist: agent ${agent.agentCode}'s desk with ${DEMO_CUSTOMERS.length} customers and a room waiting for ${caller.customerName} (${caller.phoneNumber})`,
    });
  },
  async exportUser(core, userId) {
    const agent = await agentByUser(core, userId);
    const peerRows = await core.db.select().from(tables.peers).where(eq(tables.peers.userId, userId));
    return { agent, peers: peerRows };
  },
});
