import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const KEY = 'authlens-devtools-theme';
const NEXT: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' };

function stored(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Light, dark or the system's choice (`prefers-color-scheme`, the default), remembered in this browser. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(stored);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // Storage may be off: the choice then lasts for this page only.
    }
  }, [theme]);
  return (
    <button
      type="button"
      className="theme-toggle"
      data-theme-choice={theme}
      onClick={() => setTheme(NEXT[theme])}
      title="Theme: system → dark → light"
    >
      {`Theme: ${theme}`}
    </button>
  );
}
