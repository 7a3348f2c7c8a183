// The console shell: sign-in gate, product switcher, sidebar (desktop) or top bar with a menu (phone),
// theme toggle, and the page the path names.
import { Fragment, useEffect, useState } from 'react';
import { auth, realtime, type ConnectionState } from './api';
import { useUser } from './auth';
import { Link, matchPath, navigate, useLocation } from './router';
import { useTheme } from './theme';
import { Button, Empty, PageHeader, ToastProvider } from './ui';
import { LanguageSwitch, useProfileLocale } from './i18n/switch';
import { text, useLocale, useTranslation } from './i18n';
import { Settings } from './pages/home/Settings';
import { SignIn } from './pages/auth/SignIn';
import { Home } from './pages/home/Home';
import { findPage, productOf, products } from './pages/registry';

function useConnectionState() {
  const [state, setState] = useState<ConnectionState>(realtime.connectionState);
  useEffect(() => realtime.onState(setState), []);
  return state;
}

export function App() {
  const user = useUser();
  const { path, query } = useLocation();
  const [theme, setTheme] = useTheme();
  const [menuOpen, setMenuOpen] = useState(false);
  const connection = useConnectionState();
  const { t } = useTranslation('shell');
  const locale = useLocale();
  useProfileLocale(user);

  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    // Roles and the admin flag can change between visits.
    if (user) void auth.freshProfile();
  }, [user?.id]);

  const publicPage = path === '/signin' || path === '/signup';
  const found = findPage(path, matchPath);
  useDocumentTitle(
    publicPage || !user || path === '/'
      ? t('console')
      : path === '/settings'
        ? `${t('profile.title')} · Talkbase`
        : found
          ? `${text(found.page.title)} · Talkbase`
          : `${t('notFoundTitle')} · Talkbase`,
  );
  useEffect(() => {
    if (!user && !publicPage) navigate(`/signin${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`, { replace: true });
    if (user && publicPage) navigate('/', { replace: true });
  }, [user, publicPage, path]);

  if (!user || publicPage) {
    return (
      <ToastProvider>
        <div className="floating-controls">
          <LanguageSwitch />
          <ThemeToggle theme={theme} onChange={setTheme} />
        </div>
        <SignIn mode={path === '/signup' ? 'signup' : 'signin'} />
      </ToastProvider>
    );
  }

  const visible = products.filter((p) => !p.adminOnly || user.isAdmin);
  const current = productOf(path);
  const allowed = found && (!found.product.adminOnly || user.isAdmin);
  const Page = allowed ? found.page.component : null;

  const sidebar = (
    <>
      <nav className="product-switcher" aria-label={t('products')}>
        <Link to="/" className={`switch-item ${path === '/' ? 'active' : ''}`}>
          {t('home')}
        </Link>
        {visible.map((p) => (
          <Link key={p.id} to={p.pages[0]!.path} className={`switch-item ${current?.id === p.id ? 'active' : ''}`}>
            {text(p.label)}
          </Link>
        ))}
      </nav>
      {current && allowed ? (
        <nav className="product-nav" aria-label={t('productPages', { product: text(current.label) })}>
          <div className="nav-title">{text(current.label)}</div>
          {current.pages
            .filter((pg) => pg.nav)
            .map((pg) => (
              <Link key={pg.path} to={pg.path} className={`nav-item ${pg.path === found?.page.path ? 'active' : ''}`}>
                {text(pg.nav!)}
              </Link>
            ))}
        </nav>
      ) : null}
      <div className="sidebar-foot">
        <div className="who" title={user.email}>
          <strong>{user.fullName ?? user.email}</strong>
          <span className="muted small">{user.email}</span>
        </div>
        <div className="row">
          <LanguageSwitch />
          <ThemeToggle theme={theme} onChange={setTheme} />
        </div>
        <div className="row">
          <Link to="/settings" className={`nav-item ${path === '/settings' ? 'active' : ''}`}>
            {t('settings')}
          </Link>
          <Button small onClick={() => void auth.signOut().then(() => navigate('/signin'))}>
            {t('signOut')}
          </Button>
        </div>
      </div>
    </>
  );

  return (
    <ToastProvider>
      <div className="shell">
        <header className="topbar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden>
              T
            </span>
            Talkbase
          </Link>
          <span className="topbar-product">{current ? text(current.label) : ''}</span>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            aria-label={t('menu')}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span />
            <span />
            <span />
          </button>
        </header>
        <aside id="sidebar" className={`sidebar ${menuOpen ? 'open' : ''}`}>
          <Link to="/" className="brand sidebar-brand">
            <span className="brand-mark" aria-hidden>
              T
            </span>
            Talkbase
            <span
              className={`conn conn-${connection}`}
              title={t('realtime.title', { state: t(`realtime.${connection}`) })}
              aria-label={t('realtime.label', { state: t(`realtime.${connection}`) })}
            />
          </Link>
          {sidebar}
        </aside>
        {menuOpen ? <div className="scrim" onClick={() => setMenuOpen(false)} aria-hidden /> : null}
        {/* A new language or time zone draws the page again, so every date and number follows it. */}
        <main className="content" key={`${locale.language}|${locale.zone}`}>
          {path === '/' ? (
            <Home />
          ) : path === '/settings' ? (
            <Settings />
          ) : Page ? (
            <Page key={found!.page.path + JSON.stringify(found!.params)} params={found!.params} query={query} />
          ) : (
            <Fragment>
              <PageHeader title={t('pageNotFound')} />
              <Empty action={<Link to="/">{t('backToStart')}</Link>}>{t('noPageAt', { path })}</Empty>
            </Fragment>
          )}
        </main>
      </div>
    </ToastProvider>
  );
}

function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

function ThemeToggle({ theme, onChange }: { theme: string; onChange: (t: 'light' | 'dark') => void }) {
  const { t } = useTranslation('shell');
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button small variant="ghost" aria-label={t('theme.switchTo', { theme: t(`theme.${next}Name`) })} onClick={() => onChange(next)}>
      {theme === 'dark' ? t('theme.light') : t('theme.dark')}
    </Button>
  );
}
