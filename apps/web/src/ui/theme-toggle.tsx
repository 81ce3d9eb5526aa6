import { useSyncExternalStore } from 'react';
import { ToggleButton } from 'react-aria-components';
import { chooseTheme, currentTheme } from './theme.ts';

function subscribe(onChange: () => void) {
  window.addEventListener('colab-theme', onChange);
  return () => window.removeEventListener('colab-theme', onChange);
}

/** One switch between the light and the dark theme, announced as pressed when dark. */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, currentTheme);
  return (
    <ToggleButton
      className="button button--quiet button--small"
      isSelected={theme === 'dark'}
      onChange={(dark) => chooseTheme(dark ? 'dark' : 'light')}
    >
      Dark theme
    </ToggleButton>
  );
}

/** The foot of every page: the product's name and the theme switch. */
export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <span>Colab, a home for leadership co-labs</span>
        <ThemeToggle />
      </div>
    </footer>
  );
}
