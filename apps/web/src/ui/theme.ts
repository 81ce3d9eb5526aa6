/**
 * Light or dark: the system's preference unless the person has chosen, remembered in this
 * browser. Written as data-theme on <html>, which the stylesheet's dark palette keys on.
 */
export type Theme = 'light' | 'dark';

const KEY = 'colab-theme';
const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)');

export function chosenTheme(): Theme | null {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === 'light' || stored === 'dark' ? stored : null;
  } catch {
    // Storage can be off (private windows, locked-down laptops): follow the system then.
    return null;
  }
}

export function currentTheme(): Theme {
  return chosenTheme() ?? (systemDark().matches ? 'dark' : 'light');
}

function apply() {
  document.documentElement.dataset.theme = currentTheme();
  window.dispatchEvent(new Event('colab-theme'));
}

export function chooseTheme(theme: Theme) {
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Not remembered, but still applied for this page.
  }
  document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event('colab-theme'));
}

/** Applies the theme now and follows the system's changes while no choice is stored. */
export function startTheme() {
  apply();
  systemDark().addEventListener('change', apply);
}
