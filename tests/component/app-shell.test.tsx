// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app';
import { applyUrlState } from '../../src/app/use-url-sync';
import { useSessionStore } from '../../src/stores/session-store';
import { useUiStore } from '../../src/stores/ui-store';
import { renderWithClient, resetStores } from './render-app';

afterEach(() => {
  history.replaceState(null, '', '/');
  document.documentElement.classList.remove('dark');
});

describe('app shell', () => {
  it('navigates between views by keyboard-reachable links and shows placeholders for unbuilt ones', async () => {
    renderWithClient(<App />);
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(nav).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tokens' })).toHaveAttribute('aria-current', 'page');
    fireEvent.click(screen.getByRole('link', { name: 'Model' }));
    expect(await screen.findByRole('heading', { name: 'Model' })).toBeInTheDocument();
    expect(screen.getByText('Coming in a later release.')).toBeInTheDocument();
    await waitFor(() => expect(location.search).toContain('view=model'));
    fireEvent.click(screen.getByRole('link', { name: 'Tokens' }));
    expect(await screen.findByTestId('token-view')).toBeInTheDocument();
  });

  it('toggles the theme with a class on <html>', () => {
    renderWithClient(<App />);
    useUiStore.setState({ theme: 'light' });
    const toggle = screen.getByRole('button', { name: 'Dark theme' });
    fireEvent.click(toggle);
    expect(document.documentElement).toHaveClass('dark');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(toggle);
    expect(document.documentElement).not.toHaveClass('dark');
  });

  it('lets URL parameters override persisted state on open', () => {
    resetStores();
    useSessionStore.setState({ tokenizerId: 'gpt2', text: 'persisted' });
    applyUrlState('?view=chat&tokenizer=llama3_1&text=from%20the%20link');
    expect(useUiStore.getState().view).toBe('chat');
    expect(useSessionStore.getState()).toMatchObject({ tokenizerId: 'llama3_1', text: 'from the link' });
  });

  it('keeps the persisted text when the URL is the one this tab wrote (a quick reload)', () => {
    resetStores();
    sessionStorage.setItem('tokenlab:url-synced', '?view=tokens&tokenizer=gpt2&text=old');
    useSessionStore.setState({ text: 'newer, typed just before the reload' });
    applyUrlState('?view=tokens&tokenizer=gpt2&text=old');
    expect(useSessionStore.getState().text).toBe('newer, typed just before the reload');
  });

  it('persists the session to localStorage and survives a failing storage', () => {
    resetStores();
    useSessionStore.getState().setText('keep me');
    expect(JSON.parse(localStorage.getItem('tokenlab:session')!).state.text).toBe('keep me');
    useSessionStore.getState().setText('x'.repeat(2_000_001));
    // Over the limit the text itself is not stored (the UI says so) and nothing throws.
    expect(JSON.parse(localStorage.getItem('tokenlab:session') ?? '{"state":{"text":""}}').state.text.length).toBeLessThan(10);
  });
});
