// The console shell: sign-in gate, product switcher, sidebar (desktop) or top bar with a menu (phone),
// theme toggle, and the page the path names.
import { useEffect, useState } from 'react';
import { auth, realtime, type ConnectionState } from './api';
import { useUser } from './auth';
import { Link, matchPath, navigate, useLocation } from './router';
import { useTheme } from './theme';
import { Button, Empty, PageHeader, ToastProvider } from './ui';
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

  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    // Roles and the admin flag can change between visits.
    if (user) void auth.freshProfile();
  }, [user?.id]);

  const publicPage = path === '/signin' || path === '/signup';
  const found = findPage(path, matchPath);
  useDocumentTitle(
    publicPage || !user
      ? 'Talkbase console'
      : path === '/'
        ? 'Talkbase console'
        : found
          ? `${found.page.title} · Talkbase`
          : 'Not found · Talkbase',
  );
  useEffect(() => {
    if (!user && !publicPage) navigate(`/signin${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`, { replace: true });
    if (user && publicPage) navigate('/', { replace: true });
  }, [user, publicPage, path]);

  if (!user || publicPage) {
    return (
      <ToastProvider>
        <ThemeToggle theme={theme} onChange={setTheme} floating />
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
      <nav className="product-switcher" aria-label="Products">
        <Link to="/" className={`switch-item ${path === '/' ? 'active' : ''}`}>
          Home
        </Link>
        {visible.map((p) => (
          <Link key={p.id} to={p.pages[0]!.path} className={`switch-item ${current?.id === p.id ? 'active' : ''}`}>
            {p.label}
          </Link>
        ))}
      </nav>
      {current && allowed ? (
        <nav className="product-nav" aria-label={`${current.label} pages`}>
          <div className="nav-title">{current.label}</div>
          {current.pages
            .filter((pg) => pg.nav)
            .map((pg) => (
              <Link key={pg.path} to={pg.path} className={`nav-item ${pg.path === found?.page.path ? 'active' : ''}`}>
                {pg.nav}
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
          <ThemeToggle theme={theme} onChange={setTheme} />
          <Button small onClick={() => void auth.signOut().then(() => navigate('/signin'))}>
            Sign out
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
          <span className="topbar-product">{current?.label ?? ''}</span>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            aria-label="Menu"
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
            <span className={`conn conn-${connection}`} title={`Realtime: ${connection}`} aria-label={`Realtime ${connection}`} />
          </Link>
          {sidebar}
        </aside>
        {menuOpen ? <div className="scrim" onClick={() => setMenuOpen(false)} aria-hidden /> : null}
        <main className="content">
          {path === '/' ? (
            <Home />
          ) : Page ? (
            <Page key={found!.page.path + JSON.stringify(found!.params)} params={found!.params} query={query} />
          ) : (
            <>
              <PageHeader title="Page not found" />
              <Empty action={<Link to="/">Back to the start</Link>}>There is no console page at {path}.</Empty>
            </>
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

function ThemeToggle({ theme, onChange, floating }: { theme: string; onChange: (t: 'light' | 'dark') => void; floating?: boolean }) {
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <Button
      small
      variant="ghost"
      className={floating ? 'theme-floating' : ''}
      aria-label={`Switch to ${next} theme`}
      onClick={() => onChange(next)}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </Button>
  );
}
