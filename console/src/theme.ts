// Light and dark themes: CSS variables switched by data-theme on <html>, the choice kept in localStorage,
// and the system's preference (prefers-color-scheme) until the user picks one.
import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'talkbase.theme';

export function initialTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  return [
    theme,
    (t: Theme) => {
      localStorage.setItem(KEY, t);
      setTheme(t);
    },
  ];
}
