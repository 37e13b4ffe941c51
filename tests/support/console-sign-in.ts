import { expect, type Page } from '@playwright/test';

/**
 * Signs `username` in to the console at `relay` (a relay process or its URL) with the test
 * config's password (`change-me-<username>`) and waits until the board is live.
 */
export async function signIn(page: Page, relay: string | { url: string }, username: string): Promise<void> {
  await page.goto(`${typeof relay === 'string' ? relay : relay.url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(`change-me-${username}`);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
}

/** Logs `username` in over the API (password `change-me-<username>`) and returns the bearer token. */
export async function apiToken(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `change-me-${username}` }),
  });
  if (!response.ok) throw new Error(`login of ${username} answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
