// The screens `npm run screenshots` takes, each at desktop (1280×800) and phone (390×844) width, into
// docs/screenshots/<lang>/<name>-desktop.png and <name>-phone.png, in Korean (ko) and English (en). One entry per screen; the demo account
// (`talkbase seed`, a deployment admin for these shots) is signed in unless `signedOut` is set.

export interface ShotContext {
  /** Calls the API as the demo account and answers the parsed body. */
  api<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** The console's text for a key in the language of this shot (`auth:signIn`). */
  tr(key: string, vars?: Record<string, unknown>): string;
}

export interface Shot {
  /** File name stem. */
  name: string;
  /** The page to open, or a function finding it (for example the first of a list). */
  path: string | ((ctx: ShotContext) => Promise<string>);
  /** A CSS selector that is visible once the screen has its data (a function when it names translated text). */
  ready: string | ((ctx: ShotContext) => string);
  theme?: 'light' | 'dark';
  signedOut?: boolean;
}

export const shots: Shot[] = [
  { name: 'sign-in', path: '/signin', ready: ({ tr }) => `form[aria-label="${tr('auth:signIn')}"]`, signedOut: true, theme: 'dark' },
  { name: 'home', path: '/', ready: '.product-grid' },
  { name: 'calls-phonebook', path: '/calls', ready: 'main .list-item' },
  {
    name: 'calls-persona',
    path: async ({ api }) =>
      `/calls/personas/${(await api<{ id: string; name: string }[]>('GET', '/v1/calls/personas')).find((p) => p.name === 'Grandma Rose')!.id}`,
    ready: '.progress',
  },
  {
    name: 'calls-call',
    path: async ({ api }) =>
      `/calls/call/${(await api<{ items: { callSessionId: string }[] }>('GET', '/v1/calls/logs?limit=1')).items[0]!.callSessionId}`,
    ready: '.bubble',
  },
  { name: 'chat-personas', path: '/chat', ready: '.persona-card' },
  {
    name: 'chat-conversation',
    path: async ({ api }) => `/chat/c/${(await api<{ items: { id: string }[] }>('GET', '/v1/chat/conversations?limit=1')).items[0]!.id}`,
    ready: '.message[data-role="assistant"]',
    theme: 'dark',
  },
  { name: 'interview-start', path: '/interview', ready: 'main form select' },
  {
    name: 'interview-report',
    path: async ({ api }) => {
      const sessions = await api<{ items: { id: string; status: string }[] }>('GET', '/v1/interview/sessions?limit=50');
      return `/interview/sessions/${(sessions.items.find((s) => s.status === 'completed') ?? sessions.items[0]!).id}`;
    },
    ready: '.question-report',
  },
  { name: 'tutor-practice', path: '/tutor', ready: '.tutor-layout' },
  { name: 'assist-desk', path: '/assist', ready: 'form.stack' },
  { name: 'operator-users', path: '/operator', ready: 'table.table tbody tr' },
  { name: 'operator-ai-usage', path: '/operator/ai', ready: '.op-stats .stat', theme: 'dark' },
];
