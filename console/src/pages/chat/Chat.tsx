import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, talkbase, type ItemOf } from '../../api';
import type { PageProps } from '../registry';
import { Link, navigate } from '../../router';
import { Avatar, Badge, Button, Card, Empty, ErrorState, Icon, InlineError, Loading, timeAgo, useLoad, useToast } from '../../ui';
import { useTranslation } from '../../i18n';

type Persona = ItemOf<'/v1/chat/personas', 'get'>;
type Message = ItemOf<'/v1/chat/conversations/{id}/messages', 'get'>;

// Marks, not words: the same in every language.
const PREVIOUS_MARK = '‹';
const NEXT_MARK = '›';
const TYPING_MARK = '•••';

function usePersonas() {
  return useLoad(() => talkbase.get('/v1/chat/personas'));
}

/** The conversation list beside every chat page. */
function ConversationList({ activeId, refreshKey }: { activeId?: string; refreshKey: number }) {
  const { t } = useTranslation('chat');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const list = useLoad(
    () => talkbase.get('/v1/chat/conversations', { params: { query: { limit: 50, ...(query ? { q: query } : {}) } } }),
    [query, refreshKey],
  );
  const personas = usePersonas();
  const name = (id: string) => personas.data?.find((p) => p.id === id)?.name ?? id;
  return (
    <Card className="chat-list">
      <div className="row" style={{ marginBottom: '0.5rem' }}>
        <input
          className="input"
          type="search"
          aria-label={t('list.search')}
          placeholder={t('list.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <Link to="/chat" className="btn btn-primary wide" style={{ marginBottom: '0.5rem' }}>
        {t('list.newChat')}
      </Link>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.data!.items.length === 0 ? (
        <p className="muted small center">{query ? t('list.noMatch', { query }) : t('list.empty')}</p>
      ) : (
        <nav className="list" aria-label={t('list.label')}>
          {list.data!.items.map((c) => (
            <Link key={c.id} to={`/chat/c/${c.id}`} className={`list-item ${c.id === activeId ? 'active' : ''}`}>
              <Avatar name={name(c.personaId)} size={30} />
              <div className="grow">
                <div className="ellipsis">{c.title ?? t('untitled')}</div>
                <div className="muted small ellipsis">
                  {name(c.personaId)} · {timeAgo(c.updatedAt)}
                </div>
              </div>
            </Link>
          ))}
        </nav>
      )}
    </Card>
  );
}

export function ChatHome() {
  const { t } = useTranslation('chat');
  const personas = usePersonas();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function start(p: Persona) {
    setBusy(p.id);
    setError(null);
    try {
      const c = await talkbase.post('/v1/chat/conversations', { body: { personaId: p.id } });
      navigate(`/chat/c/${c.id}`);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  return (
    <div className="chat-layout">
      <ConversationList refreshKey={0} />
      <div className="chat-main">
        <h1>{t('home.heading')}</h1>
        <p className="muted">{t('home.intro')}</p>
        <InlineError error={error} />
        {personas.loading && !personas.data ? (
          <Loading />
        ) : personas.error ? (
          <ErrorState error={personas.error} onRetry={personas.reload} />
        ) : (
          <div className="persona-grid" aria-label={t('home.personas')}>
            {personas.data!.map((p) => (
              <button
                key={p.id}
                type="button"
                className="card persona-card"
                onClick={() => void start(p)}
                disabled={busy !== null}
                aria-label={t('home.chatWith', { name: p.name })}
              >
                <Avatar name={p.name} size={48} />
                <strong>{p.name}</strong>
                <span className="muted small">{p.description}</span>
                {busy === p.id ? <span className="spinner" aria-hidden /> : null}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The shown branch: from the root, follow the active child at every step. */
function activePath(all: Message[]): Message[] {
  const out: Message[] = [];
  let parent: string | null = null;
  for (;;) {
    const children = all.filter((m) => m.parentId === parent);
    if (!children.length) break;
    const next: Message = children.find((m) => m.active) ?? children[children.length - 1]!;
    out.push(next);
    parent = next.id;
  }
  return out;
}

export function ChatConversation({ params }: PageProps) {
  const { t, i18n } = useTranslation('chat');
  const emotionName = (e: string) => (i18n.exists(`chat:emotion.${e}`) ? t(`emotion.${e}` as 'emotion.neutral') : e.replace(/_/g, ' '));
  const id = params.id!;
  const conversation = useLoad(() => talkbase.get('/v1/chat/conversations/{id}', { params: { path: { id } } }), [id]);
  const personas = usePersonas();
  const messages = useLoad(
    () => talkbase.get('/v1/chat/conversations/{id}/messages', { params: { path: { id }, query: { all: true, limit: 100 } } }),
    [id],
  );
  const [text, setText] = useState('');
  const [pending, setPending] = useState<{ user: string | null; reply: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [listKey, setListKey] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const toast = useToast();

  const all = useMemo(() => messages.data?.items ?? [], [messages.data]);
  const shown = useMemo(() => activePath(all), [all]);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown.length, pending?.reply]);

  if (conversation.error) return <ErrorState error={conversation.error} onRetry={conversation.reload} />;
  const persona = personas.data?.find((p) => p.id === conversation.data?.personaId);
  const streaming = pending !== null;

  async function run(path: string, body: unknown, userText: string | null) {
    setError(null);
    setPending({ user: userText, reply: '' });
    const controller = new AbortController();
    abort.current = controller;
    try {
      await api.stream(
        path,
        body,
        (event, data) => {
          if (event === 'token') setPending((p) => (p ? { ...p, reply: p.reply + data.delta } : p));
          if (event === 'error')
            setError(
              new Error(data?.detail ? t('conversation.replyFailedDetail', { detail: data.detail }) : t('conversation.replyFailed')),
            );
        },
        controller.signal,
      );
    } catch (err) {
      setError(err);
    } finally {
      abort.current = null;
      await messages.reload();
      setPending(null);
      setListKey((k) => k + 1);
      void conversation.reload();
    }
  }

  async function send(e: FormEvent) {
    e.preventDefault();
    const content = text.trim();
    if (!content || streaming) return;
    setText('');
    await run(`/v1/chat/conversations/${id}/messages`, { content }, content);
  }

  async function stop() {
    try {
      await talkbase.post('/v1/chat/conversations/{id}/stop', { params: { path: { id } } });
    } catch {}
    abort.current?.abort();
  }

  async function regenerate(m: Message) {
    await run(`/v1/chat/messages/${m.id}/regenerate`, undefined, null);
  }

  async function switchBranch(m: Message) {
    try {
      await talkbase.post('/v1/chat/messages/{id}/activate', { params: { path: { id: m.id } } });
      await messages.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function rate(m: Message, rating: 'up' | 'down') {
    try {
      const next = rating === m.feedback ? null : rating;
      await talkbase.put('/v1/chat/messages/{id}/feedback', { params: { path: { id: m.id } }, body: { rating: next } });
      messages.setData({ ...messages.data!, items: all.map((x) => (x.id === m.id ? { ...x, feedback: next } : x)) });
      if (next) toast(next === 'up' ? t('message.thanksUp') : t('message.thanksDown'), 'good');
    } catch (err) {
      setError(err);
    }
  }

  async function remove() {
    if (!window.confirm(t('conversation.confirmDelete'))) return;
    try {
      await talkbase.delete('/v1/chat/conversations/{id}', { params: { path: { id } } });
      navigate('/chat');
    } catch (err) {
      setError(err);
    }
  }

  const lastAssistant = [...shown].reverse().find((m) => m.role === 'assistant');
  return (
    <div className="chat-layout">
      <ConversationList activeId={id} refreshKey={listKey} />
      <Card className="chat-main chat-conversation">
        <header className="chat-head">
          <Link to="/chat" className="chat-back" aria-label={t('conversation.back')}>
            ←
          </Link>
          <Avatar name={persona?.name ?? '?'} size={40} />
          <div className="grow">
            <h1 className="chat-title ellipsis">{conversation.data?.title ?? t('untitled')}</h1>
            <div className="muted small">{persona?.name ?? ''}</div>
          </div>
          <Button small variant="ghost" onClick={remove}>
            {t('conversation.delete')}
          </Button>
        </header>
        <div className="transcript chat-transcript" aria-label={t('conversation.transcript')}>
          {messages.loading && !messages.data ? <Loading /> : null}
          {messages.error ? <ErrorState error={messages.error} onRetry={messages.reload} /> : null}
          {messages.data && shown.length === 0 && !pending ? (
            <Empty>
              {persona?.greeting ?? (persona ? t('conversation.greeting', { name: persona.name }) : t('conversation.greetingNoName'))}
            </Empty>
          ) : null}
          {shown.map((m) => {
            const siblings = all.filter((x) => x.parentId === m.parentId && x.role === m.role);
            const index = siblings.findIndex((x) => x.id === m.id);
            return (
              <div key={m.id} className={`message ${m.role === 'user' ? 'from-me' : 'from-them'}`} data-role={m.role}>
                <div className={`bubble ${m.role === 'user' ? 'me' : 'them'}`}>{m.content}</div>
                <div className="bubble-meta row">
                  {m.role === 'assistant' && m.emotion ? (
                    <span
                      title={t('message.emotionTitle', { emotion: emotionName(m.emotion) })}
                      aria-label={t('message.emotionLabel', { emotion: emotionName(m.emotion) })}
                    >
                      <i className={`emotion-dot emotion-${m.emotion}`} /> {emotionName(m.emotion)}
                    </span>
                  ) : null}
                  {m.unfinished ? <Badge tone="warn">{t('message.stopped')}</Badge> : null}
                  {siblings.length > 1 ? (
                    <span className="branches" aria-label={t('message.versions')}>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('message.previousVersion')}
                        disabled={index <= 0}
                        onClick={() => void switchBranch(siblings[index - 1]!)}
                      >
                        {PREVIOUS_MARK}
                      </button>
                      {index + 1}/{siblings.length}
                      <button
                        type="button"
                        className="link-button"
                        aria-label={t('message.nextVersion')}
                        disabled={index >= siblings.length - 1}
                        onClick={() => void switchBranch(siblings[index + 1]!)}
                      >
                        {NEXT_MARK}
                      </button>
                    </span>
                  ) : null}
                  {m.role === 'assistant' ? (
                    <>
                      <button
                        type="button"
                        className={`icon-button ${m.feedback === 'up' ? 'on' : ''}`}
                        aria-pressed={m.feedback === 'up'}
                        aria-label={t('message.good')}
                        onClick={() => void rate(m, 'up')}
                      >
                        <Icon name="thumbUp" />
                      </button>
                      <button
                        type="button"
                        className={`icon-button ${m.feedback === 'down' ? 'on' : ''}`}
                        aria-pressed={m.feedback === 'down'}
                        aria-label={t('message.bad')}
                        onClick={() => void rate(m, 'down')}
                      >
                        <Icon name="thumbDown" />
                      </button>
                      {m.id === lastAssistant?.id && !streaming ? (
                        <button type="button" className="link-button" onClick={() => void regenerate(m)}>
                          {t('message.regenerate')}
                        </button>
                      ) : null}
                    </>
                  ) : null}
                </div>
              </div>
            );
          })}
          {pending ? (
            <>
              {pending.user ? (
                <div className="message from-me" data-role="user">
                  <div className="bubble me">{pending.user}</div>
                </div>
              ) : null}
              <div className="message from-them" data-role="pending">
                <div className="bubble them" aria-busy="true">
                  {pending.reply || (
                    <span className="typing" aria-label={t('message.writing')}>
                      {TYPING_MARK}
                    </span>
                  )}
                </div>
              </div>
            </>
          ) : null}
          <div ref={end} />
        </div>
        <InlineError error={error} />
        <form className="composer" onSubmit={send} aria-label={t('composer.label')}>
          <textarea
            className="input"
            aria-label={t('composer.message')}
            rows={2}
            placeholder={persona ? t('composer.placeholder', { name: persona.name }) : t('composer.placeholderNoName')}
            value={text}
            maxLength={20000}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {streaming ? (
            <Button variant="danger" onClick={() => void stop()}>
              {t('composer.stop')}
            </Button>
          ) : (
            <Button type="submit" variant="primary" disabled={!text.trim()}>
              {t('composer.send')}
            </Button>
          )}
        </form>
      </Card>
    </div>
  );
}
