import { Component, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Icon } from '../components/Icon';
import { ErrorBanner, Loading } from '../components/ui';
import { useCrumbs } from './crumbs';
import { lazyComponent, preloadChunks } from './lazy';
import { PAGES } from './pages';
import type { PageDef } from './page';
import { DEFAULT_PATH, href, matchPath, navigate, usePath, type Params } from './router';
import { IdentityBanner } from './IdentityBanner';
import { StatusBar } from './StatusBar';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher';
import { useWorkspace } from '../workspaces/session';
import { MoneyDisplayProvider } from '../lib/money';

// Its dialog and search index load when it first opens (or once the window is idle).
const QuickSearch = lazyComponent(() => import('./QuickSearch').then((m) => m.QuickSearch));

function resolve(path: string): { page: PageDef; params: Params } | null {
  for (const page of PAGES) {
    const params = matchPath(page.path, path);
    if (params) return { page, params };
  }
  return null;
}

export function App() {
  const path = usePath();
  const ws = useWorkspace();
  const match = resolve(path);
  const [searchOpen, setSearchOpen] = useState(false);

  useEffect(() => {
    if (path === '/' || path === '') navigate(DEFAULT_PATH, { replace: true });
  }, [path]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      }
    };
    // Any navigation (back, a link, a result) closes the search.
    const onHash = () => setSearchOpen(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  const title = match?.page.title ?? 'Not found';
  const crumbs = useCrumbs();
  // The window names what it shows, most specific first: "Health · Beacon Distribution GmbH · Partnerbook".
  const windowTitle = [...new Set([...crumbs].reverse().concat(title, 'Partnerbook'))].join(' · ');
  useEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);

  // The other pages' and the dialogs' code, fetched once the first screen is up and the window is idle.
  useEffect(() => {
    const id = requestIdleCallback(preloadChunks, { timeout: 4000 });
    return () => cancelIdleCallback(id);
  }, []);

  const activeNav = match ? (match.page.nav ? match.page.id : match.page.navParent) : undefined;
  const Page = match?.page.component;

  return (
    <div className="shell">
      <nav className="sidenav" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <span className="brand-name">Partnerbook</span>
        </div>
        <WorkspaceSwitcher />
        <ul className="nav-list">
          {PAGES.filter((p) => p.nav && (p.nav.when?.(ws) ?? true)).map((p) => (
            <li key={p.id}>
              <a
                className={`nav-item${activeNav === p.id ? ' is-active' : ''}`}
                href={href(p.path)}
                aria-current={activeNav === p.id ? 'page' : undefined}
                data-testid={`nav-${p.id}`}
              >
                <Icon name={p.nav!.icon} size={17} />
                <span>{p.nav!.label}</span>
                {p.nav?.badge ? <p.nav.badge /> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <header className="topbar">
        <TopBarTitle title={title} />
        <button type="button" className="search-trigger" onClick={() => setSearchOpen(true)} data-testid="search-open">
          <Icon name="search" size={15} />
          <span>Find a partner</span>
          <kbd>{isMac() ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
      </header>

      <main className="content" id="main">
        <MoneyDisplayProvider>
          <PageBoundary key={match?.page.id ?? 'none'}>
            <Suspense fallback={<Loading />}>
              {Page && match ? (
                <Page params={match.params} />
              ) : (
                <div className="page page-narrow">
                  <ErrorBanner error={new Error(`There is no page at ${path}.`)} />
                  <p>
                    <a href={href(DEFAULT_PATH)}>Go to the portfolio</a>
                  </p>
                </div>
              )}
            </Suspense>
          </PageBoundary>
        </MoneyDisplayProvider>
      </main>

      <StatusBar />
      <IdentityBanner />
      {searchOpen ? (
        <Suspense fallback={null}>
          <QuickSearch open onOpenChange={setSearchOpen} />
        </Suspense>
      ) : null}
    </div>
  );
}

function TopBarTitle({ title }: { title: string }) {
  const crumbs = useCrumbs();
  return (
    <h1 className="topbar-title" data-testid="page-title">
      <span className={crumbs.length ? 'crumb-root' : undefined}>{title}</span>
      {crumbs.map((c, i) => (
        <span key={i} className="crumb">
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          {c}
        </span>
      ))}
    </h1>
  );
}

function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

/** Keeps a crashing page from taking the shell (and the sync status) down with it. */
class PageBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="page page-narrow">
          <ErrorBanner error={this.state.error} onRetry={() => this.setState({ error: null })} />
        </div>
      );
    }
    return this.props.children;
  }
}
