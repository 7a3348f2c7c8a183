// Small shared components. Pages use these and the CSS variables in styles.css; nothing else.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { errorMessage } from '../api';
import { formatAgo, formatDateTime, formatNumber, t } from '../i18n';

// ---- buttons and fields ------------------------------------------------------------------------

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export function Button({
  variant = 'secondary',
  busy = false,
  small = false,
  className = '',
  children,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean; small?: boolean }) {
  return (
    <button
      type="button"
      className={`btn btn-${variant}${small ? ' btn-small' : ''} ${className}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden /> : null}
      {children}
    </button>
  );
}

interface FieldBase {
  label: string;
  hint?: ReactNode;
  error?: string | null;
}

export function Field({ label, hint, error, className = '', ...input }: FieldBase & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} {...input} />
      {error ? <div className="field-error">{error}</div> : hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

export function TextArea({ label, hint, error, className = '', ...input }: FieldBase & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} {...input} />
      {error ? <div className="field-error">{error}</div> : hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

export function Select({
  label,
  hint,
  error,
  options,
  className = '',
  ...input
}: FieldBase & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} {...input}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? <div className="field-error">{error}</div> : hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}

// ---- layout blocks ---------------------------------------------------------------------------

export function Card({
  title,
  actions,
  children,
  className = '',
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card ${className}`}>
      {title || actions ? (
        <header className="card-head">
          {title ? <h2>{title}</h2> : <span />}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** Hidden on phones. */
  wide?: boolean;
}

export function Table<T>({
  columns,
  rows,
  rowKey,
  onRowClick,
  empty = t('common:empty'),
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  empty?: ReactNode;
}) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={`${c.numeric ? 'num' : ''} ${c.wide ? 'wide' : ''}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={onRowClick ? 'clickable' : ''}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              tabIndex={onRowClick ? 0 : undefined}
              onKeyDown={onRowClick ? (e) => e.key === 'Enter' && onRowClick(row) : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={`${c.numeric ? 'num' : ''} ${c.wide ? 'wide' : ''}`} data-label={c.label}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- states ----------------------------------------------------------------------------------

export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p>{children}</p>
      {action}
    </div>
  );
}

export function Loading({ label = t('common:loading') }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden /> {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{errorMessage(error)}</p>
      {onRetry ? <Button onClick={onRetry}>{t('common:tryAgain')}</Button> : null}
    </div>
  );
}

export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="inline-error" role="alert">
      {errorMessage(error)}
    </div>
  );
}

type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Avatar({ name, src, size = 36 }: { name: string; src?: string | null; size?: number }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  return src ? (
    <img className="avatar" src={src} alt="" width={size} height={size} />
  ) : (
    <span className="avatar" aria-hidden style={{ width: size, height: size, background: `hsl(${hue} 55% 45%)`, fontSize: size * 0.4 }}>
      {initials || '?'}
    </span>
  );
}

// ---- data loading ----------------------------------------------------------------------------

/** Loads data for a page: `{ data, error, loading, reload }`; reloads when `deps` change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const data = await load();
      if (mine === generation.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    void run();
  }, [run]);
  return { ...state, reload: run, setData: (data: T) => setState({ data, error: null, loading: false }) };
}

// ---- charts (SVG, no library) ------------------------------------------------------------------

export interface Series {
  name: string;
  points: { x: string; y: number }[];
  color?: string;
}

const PALETTE = ['var(--accent)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'];

function niceMax(v: number) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function LineChart({
  series,
  height = 200,
  yMax,
  format = (v: number) => String(Math.round(v)),
  label,
}: {
  series: Series[];
  height?: number;
  yMax?: number;
  format?: (v: number) => string;
  label: string;
}) {
  const xs = Array.from(new Set(series.flatMap((s) => s.points.map((p) => p.x))));
  if (xs.length === 0) return <Empty>{t('common:noData')}</Empty>;
  const max = yMax ?? niceMax(Math.max(...series.flatMap((s) => s.points.map((p) => p.y)), 0));
  const W = 600;
  const H = height;
  const pad = { l: 40, r: 12, t: 12, b: 28 };
  const x = (i: number) => pad.l + (xs.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (xs.length - 1));
  const y = (v: number) => pad.t + (1 - v / max) * (H - pad.t - pad.b);
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const labelEvery = Math.max(1, Math.ceil(xs.length / 7));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {format(t)}
            </text>
          </g>
        ))}
        {xs.map((xv, i) =>
          i % labelEvery === 0 ? (
            <text key={xv} x={x(i)} y={H - 8} textAnchor="middle" className="chart-tick">
              {xv}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const color = s.color ?? PALETTE[si % PALETTE.length];
          const pts = s.points.map((p) => [x(xs.indexOf(p.x)), y(p.y)] as const);
          return (
            <g key={s.name}>
              <polyline fill="none" stroke={color} strokeWidth={2.5} points={pts.map((p) => p.join(',')).join(' ')} />
              {pts.map((p, i) => (
                <circle key={i} cx={p[0]} cy={p[1]} r={3.5} fill={color}>
                  <title>{`${s.name} ${s.points[i]!.x}: ${format(s.points[i]!.y)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? <Legend series={series} /> : null}
    </figure>
  );
}

export function BarChart({
  series,
  height = 200,
  format = (v: number) => String(Math.round(v)),
  label,
}: {
  series: Series[];
  height?: number;
  format?: (v: number) => string;
  label: string;
}) {
  const xs = Array.from(new Set(series.flatMap((s) => s.points.map((p) => p.x))));
  if (xs.length === 0) return <Empty>{t('common:noData')}</Empty>;
  const max = niceMax(Math.max(...series.flatMap((s) => s.points.map((p) => p.y)), 0));
  const W = 600;
  const H = height;
  const pad = { l: 40, r: 12, t: 12, b: 28 };
  const band = (W - pad.l - pad.r) / xs.length;
  const barW = Math.max(2, (band * 0.7) / series.length);
  const y = (v: number) => pad.t + (1 - v / max) * (H - pad.t - pad.b);
  const labelEvery = Math.max(1, Math.ceil(xs.length / 7));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="none">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={pad.l} x2={W - pad.r} y1={y(f * max)} y2={y(f * max)} className="chart-grid" />
            <text x={pad.l - 6} y={y(f * max) + 4} textAnchor="end" className="chart-tick">
              {format(f * max)}
            </text>
          </g>
        ))}
        {xs.map((xv, i) => (
          <g key={xv}>
            {series.map((s, si) => {
              const v = s.points.find((p) => p.x === xv)?.y ?? 0;
              const bx = pad.l + i * band + band * 0.15 + si * barW;
              return (
                <rect
                  key={s.name}
                  x={bx}
                  y={y(v)}
                  width={barW}
                  height={Math.max(0, y(0) - y(v))}
                  fill={s.color ?? PALETTE[si % PALETTE.length]}
                  rx={2}
                >
                  <title>{`${s.name} ${xv}: ${format(v)}`}</title>
                </rect>
              );
            })}
            {i % labelEvery === 0 ? (
              <text x={pad.l + i * band + band / 2} y={H - 8} textAnchor="middle" className="chart-tick">
                {xv}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      {series.length > 1 ? <Legend series={series} /> : null}
    </figure>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <figcaption className="legend">
      {series.map((s, i) => (
        <span key={s.name}>
          <i style={{ background: s.color ?? PALETTE[i % PALETTE.length] }} /> {s.name}
        </span>
      ))}
    </figcaption>
  );
}

// ---- toasts ----------------------------------------------------------------------------------

interface ToastItem {
  id: number;
  text: string;
  tone: 'info' | 'good' | 'bad';
}

const ToastContext = createContext<(text: string, tone?: ToastItem['tone']) => void>(() => undefined);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const push = useCallback((text: string, tone: ToastItem['tone'] = 'info') => {
    const id = nextId.current++;
    setItems((list) => [...list.slice(-3), { id, text, tone }]);
    setTimeout(() => setItems((list) => list.filter((t) => t.id !== id)), 4500);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-live="polite">
        {items.map((item) => (
          <div key={item.id} className={`toast toast-${item.tone}`} role="status">
            <span>{item.text}</span>
            <button type="button" aria-label={t('common:dismiss')} onClick={() => setItems((list) => list.filter((x) => x.id !== item.id))}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** `toast('Saved', 'good')` shows a short message in the corner. */
export function useToast() {
  return useContext(ToastContext);
}

// ---- formatting ------------------------------------------------------------------------------

/** A date and time in the user's language and time zone; "—" when there is none. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso) : '—';
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? t('common:duration.minutesSeconds', { m: formatNumber(m), s }) : t('common:duration.seconds', { s });
}

export function timeAgo(iso: string | null | undefined): string {
  return iso ? formatAgo(iso) : '—';
}

// ---- icons (inline SVG: no icon font, no emoji font needed) ------------------------------------

const ICONS = {
  thumbUp: 'M7 10v11H3V10h4zm2 11h8.5a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 19 10h-5.5l.9-4.3A1.8 1.8 0 0 0 12.6 3.5L9 10v11z',
  thumbDown: 'M17 14V3h4v11h-4zm-2-11H6.5a2 2 0 0 0-2 1.6l-1.4 7A2 2 0 0 0 5 14h5.5l-.9 4.3a1.8 1.8 0 0 0 1.8 2.2L15 14V3z',
  mic: 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9h-2z',
  stop: 'M6 6h12v12H6z',
} as const;

export function Icon({ name, size = 16 }: { name: keyof typeof ICONS; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden focusable="false" className="icon">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
}
