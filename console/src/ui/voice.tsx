// Talking instead of typing, on any page whose conversation takes a live voice connection (docs/voice.md):
// the microphone button, live captions of both sides, each turn's latency, and which engines answered.
import { useCallback, useEffect, useRef, useState } from 'react';
import { accessToken, errorMessage } from '../api';
import { connectVoice, type Engines, type TurnLatency, type VoiceConnection, type VoiceEvent, type VoiceProduct } from '../voice';
import { Button, Icon } from './index';

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

const PHASE_LABEL: Record<VoicePhase, string> = {
  off: '',
  connecting: 'Connecting…',
  listening: 'Listening',
  hearing: 'Hearing you…',
  thinking: 'Thinking…',
  speaking: 'Speaking',
};

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
          return setError(e.message);
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
            setError(END_REASON[reason] ?? `The voice connection ended (${reason.replace(/[._]/g, ' ')})`);
        },
      });
      connection.current = c;
      setEngines(c.engines);
      setPhase((p) => (p === 'connecting' ? 'listening' : p));
    } catch (err) {
      setPhase('off');
      setError(
        err instanceof DOMException && err.name === 'NotAllowedError' ? 'The microphone is not allowed for this page' : errorMessage(err),
      );
    }
  }, [product, id, onEvent]);

  useEffect(() => () => connection.current?.close(), [product, id]);

  return { phase, live: phase !== 'off' && phase !== 'connecting', turns, engines, error, level, start, stop };
}

const END_REASON: Record<string, string> = {
  replaced: 'This conversation is now spoken in another tab or window.',
  shutdown: 'The server is restarting; talk again in a moment.',
};

export type Voice = ReturnType<typeof useVoice>;

/** The microphone button: starts and stops talking. */
export function VoiceButton({ voice, disabled, title }: { voice: Voice; disabled?: boolean; title?: string }) {
  if (voice.phase === 'off' || voice.phase === 'connecting')
    return (
      <Button
        onClick={() => void voice.start()}
        busy={voice.phase === 'connecting'}
        disabled={disabled}
        title={title}
        aria-label="Talk with the microphone"
      >
        <Icon name="mic" /> Talk
      </Button>
    );
  return (
    <Button variant="danger" onClick={voice.stop} aria-label="Stop talking">
      <Icon name="stop" /> Stop talking
    </Button>
  );
}

const ENGINE_NAME: Record<keyof Engines, string> = { transcribe: 'speech recognition', chat: 'replies', speak: 'voice' };

/** "offline engine" where the built-in offline engine answered, with what to configure for a real one. */
export function OfflineEngineLabel({ engines }: { engines: Engines | null }) {
  if (!engines) return null;
  const offline = (Object.keys(ENGINE_NAME) as (keyof Engines)[]).filter((k) => engines[k] === 'offline');
  if (offline.length === 0) return null;
  return (
    <details className="engine-note">
      <summary className="badge badge-warn" title={`The offline engine answered: ${offline.map((k) => ENGINE_NAME[k]).join(', ')}`}>
        offline engine
      </summary>
      <div className="engine-note-body small">
        <p>
          The built-in offline engine made the {offline.map((k) => ENGINE_NAME[k]).join(', ')} of this conversation: template replies, a
          synthetic voice, and recognition of English only. To use real models, set{' '}
          {offline.map((k, i) => (
            <span key={k}>
              {i ? ', ' : ''}
              <code>AI_{k.toUpperCase()}_PROVIDER</code>
            </span>
          ))}{' '}
          and their server settings: see “AI engines” and “Configuration” in Talkbase’s README.
        </p>
      </div>
    </details>
  );
}

function ms(v: number | null | undefined) {
  return v == null ? null : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

/** A live turn's stages in one line: time to the first audio, then each stage and Talkbase's own share. */
export function formatTurnLatency(latency: TurnLatency | null | undefined): string | null {
  if (!latency) return null;
  const parts = [
    latency.totalMs != null ? `first audio after ${ms(latency.totalMs)}` : null,
    latency.transcriptMs != null ? `transcript ${ms(latency.transcriptMs)}` : null,
    latency.firstTokenMs != null ? `first token ${ms(latency.firstTokenMs)}` : null,
    latency.firstAudioMs != null ? `voice ${ms(latency.firstAudioMs)}` : null,
    latency.talkbaseMs != null ? `Talkbase ${ms(latency.talkbaseMs)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The conversation as it is spoken: both sides' captions, newest last, with each stored turn's latency. */
export function VoiceCaptions({ voice, them, show = 3 }: { voice: Voice; them: string; show?: number }) {
  const turns = voice.turns.filter((t) => t.user || t.reply).slice(-show);
  return (
    <div className="voice-panel" aria-label="Live captions">
      <div className="row voice-status">
        <span className={`voice-dot voice-${voice.phase}`} aria-hidden />
        <span role="status" className="muted small">
          {voice.phase === 'off' ? 'Microphone off' : PHASE_LABEL[voice.phase]}
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
          <p className="muted small">Speak: your words and {them}’s reply appear here as they are said.</p>
        ) : null
      ) : (
        <ol className="captions">
          {turns.map((t) => (
            <li key={t.turnId} data-turn={t.turnId}>
              {t.user ? (
                <p className={`caption caption-user${t.userFinal ? '' : ' caption-partial'}`} data-final={t.userFinal}>
                  <strong>You</strong> {t.user}
                </p>
              ) : null}
              {t.reply ? (
                <p className="caption caption-reply">
                  <strong>{them}</strong> {t.reply}
                  {t.interrupted ? <span className="muted small"> (interrupted)</span> : null}
                </p>
              ) : null}
              {t.latency ? (
                <p className="caption-latency muted small" aria-label="Turn latency">
                  {formatTurnLatency(t.latency)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
