import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { useBrand } from '../theme/brand-gate.tsx';
import { BrandMark } from './brand-mark.tsx';

export type FrameProps = {
  /** What is signed in to: the workspace's name, or the partner console. */
  title: string;
  /** Who or what is signed in (an email, a key's mode). */
  identity: ReactNode;
  /** The navigation's accessible name. */
  navLabel: string;
  nav: ReactNode;
  signingOut: boolean;
  onSignOut: () => void;
};

/** The branded signed-in frame the portal and the console share: top bar, navigation, page, support. */
export function Frame(props: FrameProps) {
  const brand = useBrand();
  return (
    <div className="shell">
      <header className="topbar">
        <BrandMark />
        <span className="workspace-name">{props.title}</span>
        <span className="spacer" />
        {props.identity}
        <button type="button" className="secondary" disabled={props.signingOut} onClick={props.onSignOut}>
          {props.signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </header>
      <div className="layout">
        <nav aria-label={props.navLabel} className="sidenav">
          {props.nav}
        </nav>
        <main className="content">
          <Outlet />
        </main>
      </div>
      {brand.support_email ? (
        <footer className="footer">
          Need help? <a href={`mailto:${brand.support_email}`}>{brand.support_email}</a>
        </footer>
      ) : null}
    </div>
  );
}
