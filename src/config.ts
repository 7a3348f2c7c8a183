import { Type, type Static, type TObject } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';

/** The environment Talkbase reads, with defaults. docs/configuration.md is generated from this schema (`npm run docs:config`). */
export const EnvSchema = Type.Object({
  PORT: Type.Integer({ description: 'HTTP port the server listens on.', minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ description: 'Address the server listens on.', default: '0.0.0.0' }),
  TALKBASE_DATA_DIR: Type.String({
    description:
      'Directory of the embedded database (pgdata/, locked by pgdata.lock), keys.json, local files and, without MAIL_URL, mails.',
    default: './data',
  }),
  DATABASE_URL: Type.Optional(
    Type.String({
      description: 'PostgreSQL server to use; without it the embedded PGlite database in the data directory is used.',
      pattern: '^postgres(ql)?://',
    }),
  ),
  REDIS_URL: Type.Optional(
    Type.String({
      description: 'Redis server that carries realtime events and cache invalidations to every instance.',
      pattern: '^rediss?://',
    }),
  ),
  TALKBASE_KEYS: Type.Optional(
    Type.String({
      description:
        'Keyring JSON (from `talkbase keys generate`); required with DATABASE_URL, else keys.json in the data directory is used.',
      minLength: 2,
    }),
  ),
  TALKBASE_PRODUCTS: Type.Optional(
    Type.String({ description: 'Comma-separated products to enable (the names under Products below); all when unset.' }),
  ),
  TALKBASE_PUBLIC_URL: Type.Optional(
    Type.String({
      description: 'Base of links in mails and the server named in the OpenAPI document; http://localhost:PORT for links when unset.',
      pattern: '^https?://',
    }),
  ),
  MAIL_URL: Type.Optional(
    Type.String({
      description:
        "SMTP server for account mails (smtp:// with STARTTLS when offered, or smtps://); without it each mail is written to the data directory's mail/ folder.",
      pattern: '^smtps?://[^\\s]+$',
    }),
  ),
  MAIL_FROM: Type.Optional(
    Type.String({
      description: 'Sender of account mails; Talkbase <no-reply@host of TALKBASE_PUBLIC_URL> when unset.',
      minLength: 3,
      maxLength: 320,
      pattern: '@',
    }),
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      description:
        'Bearer token that opens GET /metrics to a scraper on another machine; without it only this machine and deployment admins read it.',
      minLength: 16,
      maxLength: 512,
      pattern: '^[A-Za-z0-9._~+/=-]+$',
    }),
  ),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { description: 'Lowest level of log lines written, or silent.', default: 'info' },
  ),
  TALKBASE_BCRYPT_COST: Type.Integer({ description: 'bcrypt cost factor for password hashes.', minimum: 4, maximum: 15, default: 12 }),
  TALKBASE_PASSWORD_MIN_SCORE: Type.Integer({
    description: 'Weakest password accepted at registration, change and reset, as a zxcvbn score; 0 turns the check off.',
    minimum: 0,
    maximum: 4,
    default: 3,
  }),
  TALKBASE_ACCESS_TOKEN_SECONDS: Type.Integer({
    description: 'Lifetime of an access token, in seconds.',
    minimum: 30,
    maximum: 86400,
    default: 900,
  }),
  TALKBASE_REFRESH_TOKEN_DAYS: Type.Integer({
    description: 'Lifetime of a refresh token, in days.',
    minimum: 1,
    maximum: 365,
    default: 30,
  }),
  TALKBASE_ACCOUNT_CACHE_MS: Type.Integer({
    description:
      "How long a sign-in's account and roles are remembered between requests, in milliseconds; 0 reads them on every request. On with the embedded database or with REDIS_URL, which carries every change made through Talkbase to all instances at once; a change written straight into the database shows after this time.",
    minimum: 0,
    maximum: 60000,
    default: 2000,
  }),
  TALKBASE_BODY_LIMIT_BYTES: Type.Integer({ description: 'Largest JSON request body, in bytes.', minimum: 1024, default: 1048576 }),
  TALKBASE_TRUST_PROXY: Type.String({
    description:
      'Whose X-Forwarded-For names the client address: true, a hop count, or proxy addresses/CIDRs, comma-separated; empty when clients connect directly.',
    pattern: '^(|true|false|[0-9]{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$',
    default: '',
  }),
  TALKBASE_CORS_ORIGINS: Type.String({ description: 'Comma-separated browser origins allowed by CORS; none when empty.', default: '' }),
  TALKBASE_LOGIN_MAX_PER_ACCOUNT: Type.Integer({ description: 'Failed sign-ins allowed per account per window.', minimum: 1, default: 10 }),
  TALKBASE_LOGIN_MAX_PER_ADDRESS: Type.Integer({
    description: 'Failed sign-ins allowed per client address per window; registrations of already-taken addresses count too.',
    minimum: 1,
    default: 50,
  }),
  TALKBASE_LOGIN_WINDOW_SECONDS: Type.Integer({
    description: 'The sign-in limit window, in seconds; counters are kept in the database.',
    minimum: 1,
    default: 900,
  }),
  TALKBASE_SHUTDOWN_TIMEOUT_MS: Type.Integer({
    description: 'Longest graceful shutdown, in milliseconds; past it the process exits 1.',
    minimum: 100,
    default: 10000,
  }),
  TALKBASE_DB_POOL_SIZE: Type.Integer({ description: 'PostgreSQL connections per instance.', minimum: 1, maximum: 200, default: 10 }),
  TALKBASE_DB_ACQUIRE_TIMEOUT_MS: Type.Integer({
    description: 'Longest wait for a pooled PostgreSQL connection, in milliseconds, before the request answers 503; 0 is no limit.',
    minimum: 0,
    default: 10000,
  }),
  TALKBASE_SHED_EVENT_LOOP_DELAY_MS: Type.Integer({
    description:
      'New requests are refused with 503 while the event loop lags more than this many milliseconds in two 100 ms windows in a row; 0 turns it off.',
    minimum: 0,
    default: 500,
  }),
  TALKBASE_SHED_DB_WAITING: Type.Integer({
    description: 'New requests are refused with 503 while this many queries wait for a pooled PostgreSQL connection; 0 turns it off.',
    minimum: 0,
    default: 100,
  }),
  TALKBASE_SHED_RETRY_AFTER_SECONDS: Type.Integer({
    description: 'Retry-After of a request refused under load, in seconds.',
    minimum: 1,
    maximum: 3600,
    default: 2,
  }),
  TALKBASE_WORKERS: Type.Boolean({
    description: 'Run job handlers and schedules in this process; false only enqueues (separate web and worker processes).',
    default: true,
  }),
  TALKBASE_WEBHOOK_RETRIES: Type.Integer({
    description: 'Retries of a failed outbound webhook delivery after its first attempt.',
    minimum: 0,
    maximum: 30,
    default: 12,
  }),
  TALKBASE_WEBHOOK_RETRY_SECONDS: Type.Integer({
    description: 'Wait before the first webhook retry, in seconds; each later wait doubles, at most 6 hours.',
    minimum: 1,
    maximum: 3600,
    default: 30,
  }),
  TALKBASE_WEBHOOK_TIMEOUT_MS: Type.Integer({
    description: 'A webhook attempt with no answer within this many milliseconds counts as failed.',
    minimum: 100,
    maximum: 60000,
    default: 10000,
  }),
  TALKBASE_WS_HEARTBEAT_SECONDS: Type.Integer({
    description: 'WebSocket ping interval, in seconds; a socket silent for two intervals is closed.',
    minimum: 1,
    maximum: 300,
    default: 25,
  }),
  TALKBASE_WS_SEND_BUFFER_BYTES: Type.Integer({
    description: 'Bytes a socket may have waiting to be sent; past it a slow consumer is closed with 4008.',
    minimum: 16384,
    default: 1048576,
  }),
  TALKBASE_WS_PRESENCE_TTL_SECONDS: Type.Integer({
    description: 'Presence of a connection whose process died expires after this many seconds.',
    minimum: 5,
    maximum: 86400,
    default: 90,
  }),
  TALKBASE_WS_AUTH_TIMEOUT_SECONDS: Type.Integer({
    description: 'Seconds a new socket has to send its auth message.',
    minimum: 1,
    maximum: 300,
    default: 10,
  }),
  VOICE_TELEPHONE_LINK_SECONDS: Type.Integer({
    description: 'How long a telephone link may wait for its Media Streams call to start, in seconds.',
    minimum: 30,
    maximum: 3600,
    default: 300,
  }),
  TALKBASE_UPLOAD_MAX_BYTES: Type.Integer({ description: 'Largest upload, in bytes.', minimum: 1024, default: 52_428_800 }),
  TALKBASE_FILE_DELETE_GRACE_DAYS: Type.Integer({
    description: "Days after deletion that a deleted file's row and bytes are removed.",
    minimum: 0,
    maximum: 3650,
    default: 7,
  }),
  S3_ENDPOINT: Type.Optional(
    Type.String({ description: 'Endpoint of an S3-compatible service (MinIO, R2 …); AWS when unset.', pattern: '^https?://' }),
  ),
  S3_REGION: Type.String({ description: 'Region of the S3 bucket.', default: 'us-east-1' }),
  S3_BUCKET: Type.Optional(
    Type.String({
      description: "Store file bytes in this S3-compatible bucket instead of the data directory's files/ folder.",
      pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    }),
  ),
  S3_ACCESS_KEY_ID: Type.Optional(
    Type.String({ description: 'S3 access key id (with S3_SECRET_ACCESS_KEY); the AWS default chain when both are unset.', minLength: 1 }),
  ),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ description: 'S3 secret access key (with S3_ACCESS_KEY_ID).', minLength: 1 })),
  S3_FORCE_PATH_STYLE: Type.Boolean({
    description: 'Use path-style bucket URLs (true for MinIO and most self-hosted servers).',
    default: false,
  }),
  AI_CHAT_PROVIDER: Type.Union([Type.Literal('offline'), Type.Literal('openai')], {
    description: 'Provider of chat completions: the offline engine or an OpenAI-compatible server.',
    default: 'offline',
  }),
  AI_EMBED_PROVIDER: Type.Union([Type.Literal('offline'), Type.Literal('openai')], {
    description: 'Provider of embeddings: the offline engine (hashed n-grams) or an OpenAI-compatible server.',
    default: 'offline',
  }),
  AI_TRANSCRIBE_PROVIDER: Type.Union([Type.Literal('offline'), Type.Literal('openai')], {
    description: 'Provider of transcription: the offline engine or an OpenAI-compatible server.',
    default: 'offline',
  }),
  AI_SPEAK_PROVIDER: Type.Union([Type.Literal('offline'), Type.Literal('openai'), Type.Literal('engine')], {
    description: 'Provider of speech: the offline engine (eSpeak NG), an OpenAI-compatible server or the external engine.',
    default: 'offline',
  }),
  AI_VOICE_PROVIDER: Type.Union([Type.Literal('offline'), Type.Literal('engine')], {
    description: 'Provider of voice training: the offline simulator or the external engine.',
    default: 'offline',
  }),
  AI_OPENAI_BASE_URL: Type.String({
    description: 'Base URL of the OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp, LM Studio).',
    pattern: '^https?://',
    default: 'https://api.openai.com/v1',
  }),
  AI_OPENAI_API_KEY: Type.Optional(
    Type.String({ description: 'Key for the OpenAI-compatible server; local servers may need none.', minLength: 1 }),
  ),
  AI_CHAT_BASE_URL: Type.Optional(
    Type.String({ description: "Chat's own OpenAI-compatible server; AI_OPENAI_BASE_URL when unset.", pattern: '^https?://' }),
  ),
  AI_CHAT_API_KEY: Type.Optional(Type.String({ description: "Key for chat's own server; AI_OPENAI_API_KEY when unset.", minLength: 1 })),
  AI_EMBED_BASE_URL: Type.Optional(
    Type.String({ description: "Embeddings' own OpenAI-compatible server; AI_OPENAI_BASE_URL when unset.", pattern: '^https?://' }),
  ),
  AI_EMBED_API_KEY: Type.Optional(
    Type.String({ description: 'Key for the embeddings server; AI_OPENAI_API_KEY when unset.', minLength: 1 }),
  ),
  AI_TRANSCRIBE_BASE_URL: Type.Optional(
    Type.String({ description: "Transcription's own OpenAI-compatible server; AI_OPENAI_BASE_URL when unset.", pattern: '^https?://' }),
  ),
  AI_TRANSCRIBE_API_KEY: Type.Optional(
    Type.String({ description: 'Key for the transcription server; AI_OPENAI_API_KEY when unset.', minLength: 1 }),
  ),
  AI_SPEAK_BASE_URL: Type.Optional(
    Type.String({ description: "Speech's own OpenAI-compatible server; AI_OPENAI_BASE_URL when unset.", pattern: '^https?://' }),
  ),
  AI_SPEAK_API_KEY: Type.Optional(Type.String({ description: 'Key for the speech server; AI_OPENAI_API_KEY when unset.', minLength: 1 })),
  AI_OFFLINE_RECOGNIZER: Type.Union([Type.Literal('auto'), Type.Literal('pocketsphinx'), Type.Literal('own-speech')], {
    description:
      'Offline transcription of audio it did not make: pocketsphinx, only its own speech, or auto (pocketsphinx when installed).',
    default: 'auto',
  }),
  AI_CHAT_MODEL: Type.String({
    description: 'Chat model name sent to the OpenAI-compatible server.',
    minLength: 1,
    default: 'gpt-4o-mini',
  }),
  AI_EMBED_MODEL: Type.String({
    description: 'Embedding model name sent to the OpenAI-compatible server.',
    minLength: 1,
    default: 'text-embedding-3-small',
  }),
  AI_TRANSCRIBE_MODEL: Type.String({
    description: 'Transcription model name sent to the OpenAI-compatible server.',
    minLength: 1,
    default: 'whisper-1',
  }),
  AI_SPEAK_MODEL: Type.String({ description: 'Speech model name sent to the OpenAI-compatible server.', minLength: 1, default: 'tts-1' }),
  AI_SPEAK_VOICE: Type.String({ description: 'Default voice for speech.', minLength: 1, default: 'alloy' }),
  AI_EMBED_DIMENSIONS: Type.Integer({
    description: 'Default embedding length; a knowledge collection may ask for its own.',
    minimum: 8,
    maximum: 4096,
    default: 384,
  }),
  AI_ENGINE_URL: Type.Optional(
    Type.String({ description: 'URL of the external voice-training engine (required when a provider is engine).', pattern: '^https?://' }),
  ),
  AI_ENGINE_TOKEN: Type.Optional(Type.String({ description: 'Token for the external voice-training engine.', minLength: 1 })),
  AI_ENGINE_WEBHOOK_SECRET: Type.Optional(
    Type.String({
      description: 'whsec_ secret the engine signs its webhook deliveries with; derived from the keyring when unset.',
      pattern: '^whsec_[A-Za-z0-9+/=]{16,}$',
    }),
  ),
  AI_TIMEOUT_MS: Type.Integer({
    description: 'Timeout of one AI call attempt (a whole chat stream included), in milliseconds.',
    minimum: 100,
    maximum: 600000,
    default: 30000,
  }),
  AI_MAX_RETRIES: Type.Integer({
    description: 'Retries of safe AI calls (5xx, 429, timeouts; chat only before its first token).',
    minimum: 0,
    maximum: 5,
    default: 2,
  }),
  AI_BREAKER_FAILURES: Type.Integer({
    description: "Failed calls in a row after which a provider's capability is opened by the circuit breaker.",
    minimum: 1,
    maximum: 100,
    default: 5,
  }),
  AI_BREAKER_COOLDOWN_MS: Type.Integer({
    description: 'Milliseconds an open circuit breaker waits before trying again.',
    minimum: 100,
    default: 30000,
  }),
  AI_QUOTA_TOKENS_PER_DAY: Type.Integer({ description: 'AI tokens per user per UTC day; 0 is no limit.', minimum: 0, default: 0 }),
  AI_QUOTA_CALLS_PER_DAY: Type.Integer({ description: 'AI calls per user per UTC day; 0 is no limit.', minimum: 0, default: 0 }),
  AI_COSTS: Type.Optional(
    Type.String({
      description:
        'JSON of per-model prices for the usage report, overriding the built-in list prices: { "model": { "promptPerMillionTokens", "completionPerMillionTokens", "perAudioMinute", "perMillionCharacters" } } in US dollars.',
      minLength: 2,
    }),
  ),
  AI_OFFLINE_TRAINING_STEP_MS: Type.Integer({
    description: "Milliseconds between the offline training simulator's status changes.",
    minimum: 1,
    maximum: 600000,
    default: 3000,
  }),
  TALKBASE_KNOWLEDGE_CACHE_DISTANCE: Type.Number({
    description: 'A knowledge query within this cosine distance of a cached one reuses its results.',
    minimum: 0,
    maximum: 2,
    default: 0.08,
  }),
  TALKBASE_KNOWLEDGE_CACHE_TTL_SECONDS: Type.Integer({
    description: 'How long a cached knowledge search answers, in seconds.',
    minimum: 1,
    default: 86400,
  }),
  TALKBASE_KNOWLEDGE_EF_SEARCH: Type.Integer({
    description: 'pgvector hnsw.ef_search for each knowledge search.',
    minimum: 10,
    maximum: 1000,
    default: 200,
  }),
  TALKBASE_KNOWLEDGE_VECTOR_CACHE_MB: Type.Integer({
    description: 'Megabytes of memory for collection vectors where search is exact (no pgvector); larger collections are streamed.',
    minimum: 0,
    maximum: 1048576,
    default: 512,
  }),
});

type Env = Static<typeof EnvSchema>;

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null }
  /** `acquireTimeoutMs`: longest wait for a pooled connection (0: no limit); past it the query fails and the request answers 503. */
  | { kind: 'postgres'; url: string; poolSize: number; acquireTimeoutMs?: number };

export interface AiConfig {
  providers: {
    chat: 'offline' | 'openai';
    embed: 'offline' | 'openai';
    transcribe: 'offline' | 'openai';
    speak: 'offline' | 'openai' | 'engine';
    voice: 'offline' | 'engine';
  };
  openai: { baseUrl: string; apiKey: string | null };
  /** A capability's own OpenAI-compatible server and key (AI_<CAPABILITY>_BASE_URL, _API_KEY); what is unset is `openai`'s. */
  endpoints: Partial<Record<'chat' | 'embed' | 'transcribe' | 'speak', { baseUrl?: string; apiKey?: string }>>;
  /** Offline transcription of audio it did not make: pocketsphinx when installed (`auto`), or only its own speech. */
  offlineRecognizer: 'auto' | 'pocketsphinx' | 'own-speech';
  models: { chat: string; embed: string; transcribe: string; speak: string };
  speakVoice: string;
  embedDimensions: number;
  /** `webhookSecret` null: derived from the keyring (fine for the offline simulator; an external engine needs it set). */
  engine: { url: string | null; token: string | null; webhookSecret: string | null };
  timeoutMs: number;
  maxRetries: number;
  breaker: { failureThreshold: number; coolDownMs: number };
  /** 0 means no limit. Counted per UTC day from core.ai_calls. */
  quota: { tokensPerDay: number; callsPerDay: number };
  /** Per-model prices overriding the built-in table (AI_COSTS JSON). */
  costs: Record<string, ModelCost>;
  offlineTrainingStepMs: number;
}

/** US dollars; any field left out costs nothing. */
export interface ModelCost {
  promptPerMillionTokens?: number;
  completionPerMillionTokens?: number;
  perAudioMinute?: number;
  perMillionCharacters?: number;
}

/** Where blobs live: a directory (the default, `<dataDir>/files`) or an S3-compatible bucket when S3_BUCKET is set. */
export type BlobStoreConfig =
  | { kind: 'local'; root: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint: string | null;
      forcePathStyle: boolean;
      credentials: { accessKeyId: string; secretAccessKey: string } | null;
    };

/** WebSocket tuning, in milliseconds and bytes. */
export interface RealtimeConfig {
  heartbeatMs: number;
  /** Bytes a socket may have queued before it is closed as a slow consumer. */
  sendBufferBytes: number;
  /** How long a connection stays present without a heartbeat (a dead process's connections expire after this). */
  presenceTtlMs: number;
  /** How long a new socket has to send its auth message. */
  authTimeoutMs: number;
}

/** Where account mails (verification and reset links) go: an SMTP server, or one file per mail in `dir`. */
export interface MailConfig {
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`; null writes files. */
  url: string | null;
  from: string;
  /** `<dataDir>/mail`: where mails go without `url`. */
  dir: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  /** The server the OpenAPI document names: TALKBASE_PUBLIC_URL when set, else `/` (where the document was read). */
  apiServerUrl: string;
  mail: MailConfig;
  database: DatabaseConfig;
  redisUrl: string | null;
  /** Raw keyring JSON from TALKBASE_KEYS, or null to use (and create) `<dataDir>/keys.json`. */
  keysJson: string | null;
  /** TALKBASE_PRODUCTS split at commas; null enables every product. The app checks the names against the products it has. */
  products: string[] | null;
  /**
   * The environment's variables that are not the core's own, as read at start: each enabled product reads its own
   * settings (`<PRODUCT>_…`) from here, through `defineProduct({ settings })`. Products never see this record.
   */
  productEnvironment: Readonly<Record<string, string>>;
  logLevel: string;
  /** `GET /metrics` answers clients on this machine, a deployment admin, and anyone with this bearer token (METRICS_TOKEN). */
  metrics: { token: string | null };
  bcryptCost: number;
  /** Weakest password accepted, as a zxcvbn score 0–4 judged with the account's email and name (0: no check). */
  passwordMinScore: number;
  accessTokenSeconds: number;
  refreshTokenDays: number;
  /**
   * How long a valid sign-in's account and roles are remembered (0: read on every request). Changes made through
   * Talkbase clear it at once on every instance; a change written to the database by other means shows after this.
   */
  accountCacheMs: number;
  bodyLimitBytes: number;
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, logs): false (the default: the
   * connecting address is the client), true (any), a hop count, or addresses/CIDRs (TALKBASE_TRUST_PROXY).
   */
  trustProxy: boolean | number | string[];
  corsOrigins: string[];
  login: { maxPerAccount: number; maxPerAddress: number; windowSeconds: number };
  shutdownTimeoutMs: number;
  /** Load shedding: answer 503 with Retry-After instead of queueing once the event loop lags or the pool has this many waiting (0 turns a check off). */
  shedding: LoadSheddingConfig;
  /** Run job handlers and schedules in this process (TALKBASE_WORKERS=false: only enqueue). */
  workers: boolean;
  /**
   * Outbound webhooks (endpoints are registered by admins): a failed delivery is tried again `retries` times, the
   * first after `retrySeconds`, each wait twice the one before (at most 6 hours); an attempt gives up after `timeoutMs`.
   */
  webhooks: { retries: number; retrySeconds: number; timeoutMs: number };
  ai: AiConfig;
  realtime: RealtimeConfig;
  /** Live voice: how long a telephone link (POST /v1/voice/telephone-links) may wait for its stream to start. */
  voice: { telephoneLinkSeconds: number };
  blobs: BlobStoreConfig;
  files: { uploadMaxBytes: number; deleteGraceDays: number };
  knowledge: KnowledgeConfig;
}

export interface LoadSheddingConfig {
  eventLoopDelayMs: number;
  dbWaiting: number;
  retryAfterSeconds: number;
}

export interface KnowledgeConfig {
  /** A cached query within this cosine distance of a new one answers it. */
  cacheDistance: number;
  cacheTtlSeconds: number;
  /** pgvector HNSW candidate list per search. */
  efSearch: number;
  /** Memory for in-process vectors where search is exact (no pgvector). */
  vectorCacheBytes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const SECRET_VARS = new Set([
  'TALKBASE_KEYS',
  'METRICS_TOKEN',
  'MAIL_URL',
  'DATABASE_URL',
  'REDIS_URL',
  'AI_OPENAI_API_KEY',
  'AI_CHAT_API_KEY',
  'AI_EMBED_API_KEY',
  'AI_TRANSCRIBE_API_KEY',
  'AI_SPEAK_API_KEY',
  'AI_ENGINE_TOKEN',
  'AI_ENGINE_WEBHOOK_SECRET',
  'S3_SECRET_ACCESS_KEY',
]);

/**
 * The variables of `schema` read from `env`: converted to their types, defaults filled in. A bad value throws a
 * ConfigError naming the variable (a secret's value is not shown). The core's settings and every product's go through here.
 */
export function parseEnvironment<T extends TObject>(schema: T, env: Readonly<Record<string, string | undefined>>): Static<T> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const converted = Value.Default(schema, Value.Convert(schema, input)) as Static<T>;
  const first = [...Value.Errors(schema, converted)][0];
  if (first) {
    const variable = first.instancePath.replace(/^\//, '') || 'environment';
    const shown = SECRET_VARS.has(variable) ? '(hidden)' : JSON.stringify(input[variable]);
    throw new ConfigError(variable, `${first.message} (got ${shown})`);
  }
  return converted;
}

/** Reads and validates the environment once. A bad value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnvironment(EnvSchema, env);
  const products =
    e.TALKBASE_PRODUCTS === undefined
      ? null
      : e.TALKBASE_PRODUCTS.split(',')
          .map((p) => p.trim())
          .filter(Boolean);
  const productEnvironment: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '' && !Object.hasOwn(EnvSchema.properties, key)) productEnvironment[key] = value;
  }
  const dataDir = path.resolve(e.TALKBASE_DATA_DIR);
  if (e.S3_BUCKET === undefined && e.S3_ENDPOINT !== undefined) throw new ConfigError('S3_BUCKET', 'is required when S3_ENDPOINT is set');
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError(
      e.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY',
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    publicUrl: e.TALKBASE_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    apiServerUrl: e.TALKBASE_PUBLIC_URL?.replace(/\/+$/, '') || '/',
    mail: {
      url: e.MAIL_URL ?? null,
      from: e.MAIL_FROM ?? `Talkbase <no-reply@${new URL(e.TALKBASE_PUBLIC_URL ?? 'http://localhost').hostname}>`,
      dir: path.join(dataDir, 'mail'),
    },
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.TALKBASE_DB_POOL_SIZE, acquireTimeoutMs: e.TALKBASE_DB_ACQUIRE_TIMEOUT_MS }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') },
    redisUrl: e.REDIS_URL ?? null,
    keysJson: e.TALKBASE_KEYS ?? null,
    products,
    productEnvironment: Object.freeze(productEnvironment),
    logLevel: e.LOG_LEVEL,
    metrics: { token: e.METRICS_TOKEN ?? null },
    bcryptCost: e.TALKBASE_BCRYPT_COST,
    passwordMinScore: e.TALKBASE_PASSWORD_MIN_SCORE,
    accessTokenSeconds: e.TALKBASE_ACCESS_TOKEN_SECONDS,
    accountCacheMs: e.TALKBASE_ACCOUNT_CACHE_MS,
    refreshTokenDays: e.TALKBASE_REFRESH_TOKEN_DAYS,
    bodyLimitBytes: e.TALKBASE_BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(e.TALKBASE_TRUST_PROXY),
    corsOrigins: e.TALKBASE_CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    login: {
      maxPerAccount: e.TALKBASE_LOGIN_MAX_PER_ACCOUNT,
      maxPerAddress: e.TALKBASE_LOGIN_MAX_PER_ADDRESS,
      windowSeconds: e.TALKBASE_LOGIN_WINDOW_SECONDS,
    },
    shutdownTimeoutMs: e.TALKBASE_SHUTDOWN_TIMEOUT_MS,
    shedding: {
      eventLoopDelayMs: e.TALKBASE_SHED_EVENT_LOOP_DELAY_MS,
      dbWaiting: e.TALKBASE_SHED_DB_WAITING,
      retryAfterSeconds: e.TALKBASE_SHED_RETRY_AFTER_SECONDS,
    },
    workers: e.TALKBASE_WORKERS,
    webhooks: {
      retries: e.TALKBASE_WEBHOOK_RETRIES,
      retrySeconds: e.TALKBASE_WEBHOOK_RETRY_SECONDS,
      timeoutMs: e.TALKBASE_WEBHOOK_TIMEOUT_MS,
    },
    ai: aiConfig(e),
    knowledge: {
      cacheDistance: e.TALKBASE_KNOWLEDGE_CACHE_DISTANCE,
      cacheTtlSeconds: e.TALKBASE_KNOWLEDGE_CACHE_TTL_SECONDS,
      efSearch: e.TALKBASE_KNOWLEDGE_EF_SEARCH,
      vectorCacheBytes: e.TALKBASE_KNOWLEDGE_VECTOR_CACHE_MB * 1024 * 1024,
    },
    realtime: {
      heartbeatMs: e.TALKBASE_WS_HEARTBEAT_SECONDS * 1000,
      sendBufferBytes: e.TALKBASE_WS_SEND_BUFFER_BYTES,
      presenceTtlMs: e.TALKBASE_WS_PRESENCE_TTL_SECONDS * 1000,
      authTimeoutMs: e.TALKBASE_WS_AUTH_TIMEOUT_SECONDS * 1000,
    },
    voice: { telephoneLinkSeconds: e.VOICE_TELEPHONE_LINK_SECONDS },
    blobs: e.S3_BUCKET
      ? {
          kind: 's3',
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT ?? null,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
          credentials:
            e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
              : null,
        }
      : { kind: 'local', root: path.join(dataDir, 'files') },
    files: { uploadMaxBytes: e.TALKBASE_UPLOAD_MAX_BYTES, deleteGraceDays: e.TALKBASE_FILE_DELETE_GRACE_DAYS },
  };
}

/** A capability's own server and key, where set. */
function endpoint(baseUrl: string | undefined, apiKey: string | undefined) {
  return { ...(baseUrl ? { baseUrl } : {}), ...(apiKey ? { apiKey } : {}) };
}

function aiConfig(e: Env): AiConfig {
  const providers = {
    chat: e.AI_CHAT_PROVIDER,
    embed: e.AI_EMBED_PROVIDER,
    transcribe: e.AI_TRANSCRIBE_PROVIDER,
    speak: e.AI_SPEAK_PROVIDER,
    voice: e.AI_VOICE_PROVIDER,
  };
  if (!e.AI_ENGINE_URL && (providers.voice === 'engine' || providers.speak === 'engine')) {
    throw new ConfigError('AI_ENGINE_URL', 'is required when AI_VOICE_PROVIDER or AI_SPEAK_PROVIDER is "engine"');
  }
  let costs: Record<string, ModelCost> = {};
  if (e.AI_COSTS) {
    try {
      costs = JSON.parse(e.AI_COSTS) as Record<string, ModelCost>;
    } catch {
      throw new ConfigError(
        'AI_COSTS',
        'must be a JSON object of model → { promptPerMillionTokens, completionPerMillionTokens, perAudioMinute, perMillionCharacters }',
      );
    }
    if (typeof costs !== 'object' || costs === null || Array.isArray(costs))
      throw new ConfigError('AI_COSTS', 'must be a JSON object keyed by model');
  }
  return {
    providers,
    openai: { baseUrl: e.AI_OPENAI_BASE_URL, apiKey: e.AI_OPENAI_API_KEY ?? null },
    endpoints: {
      chat: endpoint(e.AI_CHAT_BASE_URL, e.AI_CHAT_API_KEY),
      embed: endpoint(e.AI_EMBED_BASE_URL, e.AI_EMBED_API_KEY),
      transcribe: endpoint(e.AI_TRANSCRIBE_BASE_URL, e.AI_TRANSCRIBE_API_KEY),
      speak: endpoint(e.AI_SPEAK_BASE_URL, e.AI_SPEAK_API_KEY),
    },
    offlineRecognizer: e.AI_OFFLINE_RECOGNIZER,
    models: { chat: e.AI_CHAT_MODEL, embed: e.AI_EMBED_MODEL, transcribe: e.AI_TRANSCRIBE_MODEL, speak: e.AI_SPEAK_MODEL },
    speakVoice: e.AI_SPEAK_VOICE,
    embedDimensions: e.AI_EMBED_DIMENSIONS,
    engine: { url: e.AI_ENGINE_URL ?? null, token: e.AI_ENGINE_TOKEN ?? null, webhookSecret: e.AI_ENGINE_WEBHOOK_SECRET ?? null },
    timeoutMs: e.AI_TIMEOUT_MS,
    maxRetries: e.AI_MAX_RETRIES,
    breaker: { failureThreshold: e.AI_BREAKER_FAILURES, coolDownMs: e.AI_BREAKER_COOLDOWN_MS },
    quota: { tokensPerDay: e.AI_QUOTA_TOKENS_PER_DAY, callsPerDay: e.AI_QUOTA_CALLS_PER_DAY },
    costs,
    offlineTrainingStepMs: e.AI_OFFLINE_TRAINING_STEP_MS,
  };
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^[0-9]+$/.test(value)) return Number(value);
  return value.split(',');
}
