/**
 * Telephone calls: a Twilio Media Stream (μ-law 8 kHz in base64 JSON messages) carried into a voice session. Twilio
 * drops query strings from Stream URLs, so the conversation travels as a custom parameter of the stream: a signed,
 * expiring link naming the product, the conversation and its user, issued to that user through the API.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { WebSocket } from 'ws';
import type { Core } from '../context.js';
import { isUuid } from '../db/ids.js';
import { AppError } from '../http/errors.js';
import type { AuthUser } from '../identity/access.js';
import { userRoles, users } from '../identity/schema.js';
import { createPcm16Resampler, mulawToPcm16, pcm16ToMulaw } from '../ai/pcm.js';
import { CLOSE, createInputRateGuard, FRAME_MS, INPUT_SAMPLE_RATE } from './protocol.js';
import { voiceProducts, type OpenedSession, type VoiceService } from './voice.js';

/** The name of the `<Parameter>` that carries the link, read from `start.customParameters`. */
export const TELEPHONE_PARAMETER = 'talkbase';
export const TELEPHONE_STREAM_PATH = '/v1/voice/twilio';
const PHONE_RATE = 8000;
const INPUT_FRAME_BYTES = (INPUT_SAMPLE_RATE * FRAME_MS * 2) / 1000;
/** Caller audio kept while the stream's conversation is being opened (1 s); older audio is dropped. */
const MAX_PENDING_FRAMES = 1000 / FRAME_MS;
const LINK_VERSION = 'v1';

export interface TelephoneLinkClaims {
  product: string;
  id: string;
  userId: string;
  expiresAt: Date;
}

export type LinkCheck =
  { ok: true; claims: TelephoneLinkClaims } | { ok: false; reason: 'missing' | 'malformed' | 'forged' | 'expired'; message: string };

const LinkPayload = Type.Object({
  p: Type.String({ minLength: 1, maxLength: 40 }),
  i: Type.String({ minLength: 1, maxLength: 100 }),
  u: Type.String({ minLength: 1, maxLength: 100 }),
  e: Type.Integer({ minimum: 0 }),
});

/** Signs and checks telephone links: `v1.<payload>.<HMAC-SHA256>`, keyed from the keyring's token key. */
export function createTelephoneLinks(deps: { tokenKey: Buffer; now: () => Date; ttlSeconds: number }) {
  const key = Buffer.from(hkdfSync('sha256', deps.tokenKey, Buffer.alloc(0), 'talkbase voice telephone-link v1', 32));
  const sign = (body: string) => createHmac('sha256', key).update(`${LINK_VERSION}.${body}`).digest('base64url');
  return {
    issue(c: { product: string; id: string; userId: string }): { parameter: string; expiresAt: Date } {
      const expires = Math.floor(deps.now().getTime() / 1000) + deps.ttlSeconds;
      const body = Buffer.from(JSON.stringify({ p: c.product, i: c.id, u: c.userId, e: expires })).toString('base64url');
      return { parameter: `${LINK_VERSION}.${body}.${sign(body)}`, expiresAt: new Date(expires * 1000) };
    },
    check(parameter: unknown): LinkCheck {
      if (typeof parameter !== 'string' || !parameter)
        return { ok: false, reason: 'missing', message: `the stream has no "${TELEPHONE_PARAMETER}" parameter` };
      const [version, body, mac, ...rest] = parameter.split('.');
      if (version !== LINK_VERSION || !body || !mac || rest.length)
        return { ok: false, reason: 'malformed', message: `the "${TELEPHONE_PARAMETER}" parameter is not a Talkbase telephone link` };
      const given = Buffer.from(mac);
      const expected = Buffer.from(sign(body));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return {
          ok: false,
          reason: 'forged',
          message: `the "${TELEPHONE_PARAMETER}" parameter's signature does not match: forged or altered`,
        };
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        payload = null;
      }
      if (!Value.Check(LinkPayload, payload))
        return { ok: false, reason: 'malformed', message: `the "${TELEPHONE_PARAMETER}" parameter is not a Talkbase telephone link` };
      const expiresAt = new Date(payload.e * 1000);
      if (deps.now().getTime() >= expiresAt.getTime())
        return {
          ok: false,
          reason: 'expired',
          message: `the "${TELEPHONE_PARAMETER}" parameter expired at ${expiresAt.toISOString()}; issue a new one with POST /v1/voice/telephone-links`,
        };
      return { ok: true, claims: { product: payload.p, id: payload.i, userId: payload.u, expiresAt } };
    },
  };
}

export type TelephoneLinks = ReturnType<typeof createTelephoneLinks>;

export interface TelephoneLink {
  streamUrl: string;
  parameter: string;
  expiresAt: string;
  twiml: string;
}

export interface Telephone {
  /** Checks that the user may open the conversation by voice, then signs a link to it. */
  issueLink(user: AuthUser, product: string, id: string): Promise<TelephoneLink>;
  /** Takes an upgraded Twilio Media Streams socket. */
  accept(socket: WebSocket): void;
}

/** Twilio's `start` message (fields Talkbase reads; Twilio may send more). */
const TwilioStart = Type.Object({
  event: Type.Literal('start'),
  start: Type.Object({
    streamSid: Type.String({ minLength: 1, maxLength: 100 }),
    callSid: Type.Optional(Type.String({ maxLength: 100 })),
    customParameters: Type.Optional(Type.Record(Type.String(), Type.String())),
    mediaFormat: Type.Object({ encoding: Type.String(), sampleRate: Type.Number(), channels: Type.Number() }),
  }),
});
type TwilioStart = Static<typeof TwilioStart>;

const TwilioMedia = Type.Object({
  event: Type.Literal('media'),
  media: Type.Object({ payload: Type.String({ maxLength: 65536 }), track: Type.Optional(Type.String()) }),
});

export function createTelephone(deps: { core: () => Core; voice: VoiceService; ttlSeconds?: number; startTimeoutMs?: number }): Telephone {
  let links: TelephoneLinks | null = null;
  const linksFor = (c: Core) =>
    (links ??= createTelephoneLinks({
      tokenKey: c.keyring.tokenKey,
      now: () => c.clock.now(),
      ttlSeconds: deps.ttlSeconds ?? c.config.voice.telephoneLinkSeconds,
    }));

  return {
    async issueLink(user, product, id) {
      const c = deps.core();
      const target = c.products.find((p) => p.name === product && p.voice)?.voice;
      if (!target)
        throw new AppError(
          'voice.unknown_product',
          400,
          `no product "${product}" takes voice; products that do: ${voiceProducts(c.products)}`,
        );
      await target.open(c.forProducts, user, id);
      const { parameter, expiresAt } = linksFor(c).issue({ product, id, userId: user.id });
      const streamUrl = `${c.config.publicUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${TELEPHONE_STREAM_PATH}`;
      return { streamUrl, parameter, expiresAt: expiresAt.toISOString(), twiml: twimlFor(streamUrl, parameter) };
    },
    accept(socket) {
      new TwilioStream(socket, deps.core(), deps.voice, linksFor(deps.core()), deps.startTimeoutMs ?? 10_000);
    },
  };
}

/** The TwiML that connects a phone call to the stream, both ways. */
export function twimlFor(streamUrl: string, parameter: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Response>',
    '  <Connect>',
    `    <Stream url="${xmlAttr(streamUrl)}">`,
    `      <Parameter name="${TELEPHONE_PARAMETER}" value="${xmlAttr(parameter)}"/>`,
    '    </Stream>',
    '  </Connect>',
    '</Response>',
  ].join('\n');
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The account a link names, if it is still active, as the voice pipeline sees a caller. */
async function activeUser(core: Core, userId: string, streamSid: string): Promise<AuthUser | null> {
  if (!isUuid(userId)) return null;
  const [row] = await core.db
    .select({ isAdmin: users.isAdmin })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isActive, true)));
  if (!row) return null;
  const roles = await core.db
    .select({ product: userRoles.product, role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return {
    id: userId,
    isAdmin: row.isAdmin,
    roles: new Set(roles.map((r) => `${r.product}:${r.role}`)),
    tokenId: `telephone:${streamSid}`,
  };
}

/** One Twilio Media Stream: `connected`, `start` (with the link), `media`…, `mark`, `stop`; media, mark and clear back. */
class TwilioStream {
  private streamSid: string | null = null;
  private callSid: string | null = null;
  private opened: OpenedSession | null = null;
  private starting = false;
  private closed = false;
  private readonly pending: Buffer[] = [];
  private readonly resampler = createPcm16Resampler(PHONE_RATE, INPUT_SAMPLE_RATE);
  private carry: Buffer = Buffer.alloc(0);
  private samplesIn = 0;
  private aligned = false;
  private readonly guard = createInputRateGuard(FRAME_MS);
  private readonly warned = new Map<string, number>();
  private readonly startTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly core: Core,
    private readonly voice: VoiceService,
    private readonly links: TelephoneLinks,
    startTimeoutMs: number,
  ) {
    this.startTimer = setTimeout(() => {
      if (!this.opened && !this.starting)
        this.refuse('start_timeout', `no "start" message within ${startTimeoutMs} ms`, CLOSE.unauthorized);
    }, startTimeoutMs);
    socket.on('message', (raw: Buffer, isBinary: boolean) => this.onMessage(raw, isBinary));
    socket.on('close', () => this.onClose());
    socket.on('error', () => undefined);
  }

  private onMessage(raw: Buffer, isBinary: boolean) {
    if (this.closed) return;
    let message: { event?: unknown };
    try {
      message = isBinary ? {} : (JSON.parse(raw.toString('utf8')) as { event?: unknown });
    } catch {
      message = {};
    }
    switch (message?.event) {
      case 'connected':
      case 'mark': // Twilio's echo of a mark once that audio has played
      case 'dtmf':
        return;
      case 'start':
        return void this.start(message);
      case 'media':
        return this.media(message);
      case 'stop':
        return void this.stop();
      default:
        return this.warnOnce('telephone stream message ignored: not a Media Streams message', { event: String(message?.event ?? null) });
    }
  }

  private async start(message: unknown) {
    if (this.opened || this.starting || this.streamSid) return this.warnOnce('telephone stream sent a second start; ignored', {});
    if (!Value.Check(TwilioStart, message))
      return this.refuse('invalid_start', 'the start message lacks start.streamSid or start.mediaFormat', CLOSE.badRequest);
    const { start } = message as TwilioStart;
    this.streamSid = start.streamSid;
    this.callSid = start.callSid ?? null;
    const f = start.mediaFormat;
    if (f.encoding !== 'audio/x-mulaw' || f.sampleRate !== PHONE_RATE || f.channels !== 1)
      return this.refuse(
        'unsupported_media',
        `media format ${f.encoding} ${f.sampleRate} Hz × ${f.channels}; only audio/x-mulaw 8000 Hz mono`,
        CLOSE.badRequest,
      );
    const link = this.links.check(start.customParameters?.[TELEPHONE_PARAMETER]);
    if (!link.ok) return this.refuse(`link_${link.reason}`, link.message, CLOSE.unauthorized);
    const { claims } = link;
    this.starting = true;
    try {
      const user = await activeUser(this.core, claims.userId, start.streamSid);
      if (!user) return this.refuse('link_account_inactive', 'the account the link was issued to is not active', CLOSE.unauthorized);
      if (this.closed) return;
      const opened = await this.voice.open({
        user,
        product: claims.product,
        id: claims.id,
        outputRate: PHONE_RATE,
        sink: {
          event: (e) => this.onSessionEvent(e),
          audio: (frame) =>
            this.send({ event: 'media', streamSid: this.streamSid, media: { payload: pcm16ToMulaw(frame).toString('base64') } }),
          clear: () => this.send({ event: 'clear', streamSid: this.streamSid }),
        },
        onEnd: (reason, code) => this.end(reason, code),
      });
      if (this.closed) return void opened.close();
      this.opened = opened;
      this.core.log.info({ ...this.ids(), product: claims.product, conversationId: claims.id }, 'telephone stream started');
      for (const frame of this.pending.splice(0)) opened.session.pushFrame(frame);
    } catch (err) {
      const e = err instanceof AppError ? err : null;
      if (!e) this.core.log.error({ err, ...this.ids() }, 'telephone stream could not start');
      this.refuse(
        e?.code ?? 'voice.internal',
        e?.message ?? 'the voice session could not start',
        e?.status === 404 ? CLOSE.notFound : e && e.status < 500 ? CLOSE.conflict : 1011,
      );
    } finally {
      this.starting = false;
    }
  }

  private media(message: unknown) {
    if (!this.streamSid) return this.warnOnce('telephone stream sent media before start; ignored', {});
    if (!Value.Check(TwilioMedia, message))
      return this.warnOnce('telephone stream sent a media message without a payload; ignored', this.ids());
    const { media } = message as Static<typeof TwilioMedia>;
    if (media.track && media.track !== 'inbound') return;
    const mulaw = Buffer.from(media.payload, 'base64');
    const pcm = this.resampler.push(mulawToPcm16(mulaw));
    this.samplesIn += mulaw.length;
    if (!this.aligned && pcm.length) {
      // The resampler holds back a few samples of look-ahead; as much silence in front puts the frame edges on the
      // message edges, so a frame is complete when its audio has arrived rather than one message later.
      this.aligned = true;
      const behind = this.samplesIn * (INPUT_SAMPLE_RATE / PHONE_RATE) * 2 - pcm.length;
      if (behind > 0) this.carry = Buffer.alloc(behind);
    }
    const all = this.carry.length ? Buffer.concat([this.carry, pcm]) : pcm;
    let at = 0;
    for (; all.length - at >= INPUT_FRAME_BYTES; at += INPUT_FRAME_BYTES) this.frame(all.subarray(at, at + INPUT_FRAME_BYTES));
    this.carry = all.subarray(at);
  }

  /** One 20 ms frame of 16 kHz PCM16 into the session, at no more than real time. */
  private frame(frame: Buffer) {
    if (!this.opened) {
      this.pending.push(frame);
      if (this.pending.length > MAX_PENDING_FRAMES) this.pending.shift();
      return;
    }
    if (!this.guard.take()) {
      this.opened.session.discardUtterance();
      return this.warnOnce('telephone audio arrives faster than real time; the utterance is dropped', this.ids());
    }
    this.opened.session.pushFrame(frame);
  }

  private onSessionEvent(e: Record<string, unknown>) {
    // A mark after each reply's audio: Twilio echoes it back once the caller has heard that audio.
    if (e.type === 'audio.end') this.send({ event: 'mark', streamSid: this.streamSid, mark: { name: String(e.turnId) } });
    else if (e.type === 'error')
      this.core.log.warn({ ...this.ids(), code: e.code, turnId: e.turnId }, `telephone voice turn: ${String(e.message)}`);
  }

  private async stop() {
    this.closed = true;
    clearTimeout(this.startTimer);
    await this.opened?.close();
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(CLOSE.normal, 'stop');
  }

  private onClose() {
    this.closed = true;
    clearTimeout(this.startTimer);
    void this.opened?.close();
  }

  /** Refuses the stream: one log line saying why, the socket closed, nothing stored. */
  private refuse(reason: string, message: string, code: number) {
    this.core.log.warn({ ...this.ids(), reason }, `telephone stream refused: ${message}`);
    this.end(reason, code);
  }

  private end(reason: string, code: number) {
    this.closed = true;
    clearTimeout(this.startTimer);
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING)
      this.socket.close(code, reason.slice(0, 120));
  }

  private send(message: Record<string, unknown>) {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private ids() {
    return { streamSid: this.streamSid, callSid: this.callSid };
  }

  /** A warning at most once a second per kind, so a misbehaving stream does not flood the log. */
  private warnOnce(message: string, context: Record<string, unknown>) {
    const t = performance.now();
    if (t - (this.warned.get(message) ?? -Infinity) < 1000) return;
    this.warned.set(message, t);
    this.core.log.warn(context, message);
  }
}
