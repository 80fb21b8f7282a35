import { useEffect } from 'react';
import { useUiStore, type Theme } from '../stores/ui-store';

/** Tailwind's `dark:` variant keys off a class on <html> (see `@custom-variant` in index.css). */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
}

export function useThemeEffect(): void {
  const theme = useUiStore((s) => s.theme);
  useEffect(() => applyTheme(theme), [theme]);
}
