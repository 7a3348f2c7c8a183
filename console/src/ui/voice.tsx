// Talking instead of typing, on any page whose conversation takes a live voice connection (docs/voice.md):
// the microphone button, live captions of both sides, each turn's latency, and which engines answered.
import { useCallback, useEffect, useRef, useState } from 'react';
import { accessToken, errorMessage } from '../api';
import {
  connectVoice,
  MicrophoneError,
  VoiceError,
  type Engines,
  type TurnLatency,
  type VoiceConnection,
  type VoiceEvent,
  type VoiceProduct,
} from '../voice';
import { Button, Icon } from './index';
import { formatNumber, i18n, intlLocale, t, text, useTranslation, type TKey } from '../i18n';

export interface CaptionTurn {
  turnId: string;
  /** What the user said: a partial hypothesis until `userFinal`. */
  user: string;
  userFinal: boolean;
  reply: string;
  interrupted: boolean;
  latency: TurnLatency | null;
}

export type VoicePhase = 'off' | 'connecting' | 'listening' | 'hearing' | 'thinking' | 'speaking';

const KEEP_TURNS = 20;

export interface VoiceOptions {
  product: VoiceProduct;
  id: string;
  /** Called when a turn is stored (its `metrics` arrived), so the page can read it again. */
  onStored?: (metrics: Extract<VoiceEvent, { type: 'metrics' }>) => void;
}

/** A live voice connection for one conversation, with its captions; closed when the page goes away. */
export function useVoice({ product, id, onStored }: VoiceOptions) {
  const [phase, setPhase] = useState<VoicePhase>('off');
  const [turns, setTurns] = useState<CaptionTurn[]>([]);
  const [engines, setEngines] = useState<Engines | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [level, setLevel] = useState(0);
  const connection = useRef<VoiceConnection | null>(null);
  const stored = useRef(onStored);
  stored.current = onStored;

  const update = useCallback((turnId: string, change: (t: CaptionTurn) => Partial<CaptionTurn>) => {
    setTurns((list) => {
      const at = list.findIndex((t) => t.turnId === turnId);
      const base: CaptionTurn = at >= 0 ? list[at]! : { turnId, user: '', userFinal: false, reply: '', interrupted: false, latency: null };
      const next = { ...base, ...change(base) };
      if (at >= 0) return list.map((t, i) => (i === at ? next : t));
      return [...list, next].slice(-KEEP_TURNS);
    });
  }, []);

  const onEvent = useCallback(
    (e: VoiceEvent) => {
      switch (e.type) {
        case 'speech.started':
          setPhase('hearing');
          setError(null);
          return update(e.turnId, () => ({}));
        case 'speech.stopped':
          return setPhase('thinking');
        case 'transcript.partial':
          return update(e.turnId, (t) => (t.userFinal ? {} : { user: e.text }));
        case 'transcript.final':
          if (!e.text) setPhase('listening');
          return update(e.turnId, () => ({ user: e.text, userFinal: true }));
        case 'reply.delta':
          return update(e.turnId, (t) => ({ reply: t.reply + e.text }));
        case 'reply.done':
          return update(e.turnId, () => ({ reply: e.text }));
        case 'audio.start':
          return setPhase('speaking');
        case 'audio.end':
          return setPhase((p) => (p === 'speaking' ? 'listening' : p));
        case 'interrupted':
          return update(e.turnId, () => ({ interrupted: true, reply: e.spokenText }));
        case 'metrics': {
          setPhase((p) => (p === 'thinking' || p === 'speaking' ? 'listening' : p));
          update(e.turnId, () => ({ latency: e.latency, interrupted: e.interrupted }));
          stored.current?.(e);
          return;
        }
        case 'error':
          // A turn that failed (nothing recognized, no engine) ends here: back to listening.
          if (e.turnId) setPhase((p) => (p === 'thinking' || p === 'hearing' ? 'listening' : p));
          return setError(voiceErrorText(e.code, e.message));
      }
    },
    [update],
  );

  const stop = useCallback(() => {
    connection.current?.close();
    connection.current = null;
    setPhase('off');
    setLevel(0);
  }, []);

  const start = useCallback(async () => {
    if (connection.current) return;
    setError(null);
    setPhase('connecting');
    try {
      const c = await connectVoice({
        product,
        id,
        token: accessToken,
        onEvent,
        onLevel: setLevel,
        onState: (s, reason) => {
          if (s !== 'closed') return;
          connection.current = null;
          setPhase('off');
          setLevel(0);
          if (reason && reason !== 'client_end')
            setError(END_REASON[reason] ? text(END_REASON[reason]) : t('voice:end.ended', { reason: reason.replace(/[._]/g, ' ') }));
        },
      });
      connection.current = c;
      setEngines(c.engines);
      setPhase((p) => (p === 'connecting' ? 'listening' : p));
    } catch (err) {
      setPhase('off');
      setError(
        err instanceof DOMException && err.name === 'NotAllowedError'
          ? t('voice:end.micNotAllowed')
          : err instanceof VoiceError || err instanceof MicrophoneError
            ? voiceErrorText(err.code, CLIENT_CLOSED.test(err.message) ? t('voice:client.closed') : err.message)
            : errorMessage(err),
      );
    }
  }, [product, id, onEvent]);

  useEffect(() => () => connection.current?.close(), [product, id]);

  return { phase, live: phase !== 'off' && phase !== 'connecting', turns, engines, error, level, start, stop };
}

const END_REASON: Record<string, TKey> = {
  replaced: 'voice:end.replaced',
  shutdown: 'voice:end.shutdown',
};

// The voice client's own English sentence when the socket closes early.
const CLIENT_CLOSED = /^The voice connection closed/;

/** A voice error in the user's language when its code is known here, else the server's sentence. */
function voiceErrorText(code: string, message: string): string {
  for (const key of [`common:problems.${code}`, `voice:errors.${code}`]) if (i18n.exists(key)) return text(key as TKey);
  return message;
}

export type Voice = ReturnType<typeof useVoice>;

/** The microphone button: starts and stops talking. */
export function VoiceButton({ voice, disabled, title }: { voice: Voice; disabled?: boolean; title?: string }) {
  const { t } = useTranslation('voice');
  if (voice.phase === 'off' || voice.phase === 'connecting')
    return (
      <Button
        onClick={() => void voice.start()}
        busy={voice.phase === 'connecting'}
        disabled={disabled}
        title={title}
        aria-label={t('button.talkLabel')}
      >
        <Icon name="mic" /> {t('button.talk')}
      </Button>
    );
  return (
    <Button variant="danger" onClick={voice.stop} aria-label={t('button.stop')}>
      <Icon name="stop" /> {t('button.stop')}
    </Button>
  );
}

const ENGINE_NAME: Record<keyof Engines, TKey> = {
  transcribe: 'voice:engine.transcribe',
  chat: 'voice:engine.chat',
  speak: 'voice:engine.speak',
};

function engineList(keys: (keyof Engines)[]): string {
  return new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(keys.map((k) => text(ENGINE_NAME[k])));
}

/** "offline engine" where the built-in offline engine answered, with what to configure for a real one. */
export function OfflineEngineLabel({ engines }: { engines: Engines | null }) {
  const { t } = useTranslation('voice');
  if (!engines) return null;
  const offline = (Object.keys(ENGINE_NAME) as (keyof Engines)[]).filter((k) => engines[k] === 'offline');
  if (offline.length === 0) return null;
  return (
    <details className="engine-note">
      <summary className="badge badge-warn" title={t('engine.offlineTitle', { engines: engineList(offline) })}>
        {t('engine.offline')}
      </summary>
      <div className="engine-note-body small">
        <p>
          {t('engine.offlineBefore', { engines: engineList(offline) })}{' '}
          {offline.map((k, i) => (
            <span key={k}>
              {i ? ', ' : ''}
              <code>AI_{k.toUpperCase()}_PROVIDER</code>
            </span>
          ))}{' '}
          {t('engine.offlineAfter')}
        </p>
      </div>
    </details>
  );
}

function ms(v: number | null | undefined) {
  if (v == null) return null;
  return v >= 1000
    ? t('voice:units.seconds', { value: formatNumber(v / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
    : t('voice:units.ms', { value: formatNumber(Math.round(v)) });
}

/** A live turn's stages in one line: time to the first audio, then each stage and Talkbase's own share. */
export function formatTurnLatency(latency: TurnLatency | null | undefined): string | null {
  if (!latency) return null;
  const parts = [
    latency.totalMs != null ? t('voice:latency.firstAudio', { time: ms(latency.totalMs) }) : null,
    latency.transcriptMs != null ? t('voice:latency.transcript', { time: ms(latency.transcriptMs) }) : null,
    latency.firstTokenMs != null ? t('voice:latency.firstToken', { time: ms(latency.firstTokenMs) }) : null,
    latency.firstAudioMs != null ? t('voice:latency.voice', { time: ms(latency.firstAudioMs) }) : null,
    latency.talkbaseMs != null ? t('voice:latency.talkbase', { time: ms(latency.talkbaseMs) }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The conversation as it is spoken: both sides' captions, newest last, with each stored turn's latency. */
export function VoiceCaptions({ voice, them, show = 3 }: { voice: Voice; them: string; show?: number }) {
  const { t } = useTranslation('voice');
  const turns = voice.turns.filter((x) => x.user || x.reply).slice(-show);
  return (
    <div className="voice-panel" aria-label={t('captions.label')}>
      <div className="row voice-status">
        <span className={`voice-dot voice-${voice.phase}`} aria-hidden />
        <span role="status" className="muted small">
          {t(`phase.${voice.phase}`)}
        </span>
        {voice.live ? (
          <span className="voice-level" aria-hidden>
            <span style={{ width: `${Math.min(100, Math.round(Math.sqrt(voice.level) * 180))}%` }} />
          </span>
        ) : null}
        <span className="spacer" />
        <OfflineEngineLabel engines={voice.engines} />
      </div>
      {voice.error ? (
        <p className="inline-error" role="alert">
          {voice.error}
        </p>
      ) : null}
      {turns.length === 0 ? (
        voice.live ? (
          <p className="muted small">{t('captions.prompt', { name: them })}</p>
        ) : null
      ) : (
        <ol className="captions">
          {turns.map((turn) => (
            <li key={turn.turnId} data-turn={turn.turnId}>
              {turn.user ? (
                <p className={`caption caption-user${turn.userFinal ? '' : ' caption-partial'}`} data-final={turn.userFinal}>
                  <strong>{t('captions.you')}</strong> {turn.user}
                </p>
              ) : null}
              {turn.reply ? (
                <p className="caption caption-reply">
                  <strong>{them}</strong> {turn.reply}
                  {turn.interrupted ? <span className="muted small"> {t('captions.interrupted')}</span> : null}
                </p>
              ) : null}
              {turn.latency ? (
                <p className="caption-latency muted small" aria-label={t('captions.latency')}>
                  {formatTurnLatency(turn.latency)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
