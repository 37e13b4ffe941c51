import { createHash, randomBytes } from 'node:crypto';

/** A verifier and its S256 challenge, as a console, phone or desktop client makes them. */
export function verifierPair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** One answer on the way: status, where it points, and its body. */
export interface Hop {
  url: string;
  status: number;
  location: string | undefined;
  body: string;
}

/**
 * A minimal browser over fetch: a cookie jar (by name; the relay and the issuer share 127.0.0.1, and
 * cookies ignore ports, as in a real browser), redirects followed by hand while they stay on http(s),
 * and HTML forms submitted as a person would.
 */
export class OidcBrowser {
  private readonly cookies = new Map<string, string>();

  /** Requests `url` once (no redirect following), sending and keeping cookies. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = response.headers.get('location') ?? undefined;
    return { url, status: response.status, location: location && new URL(location, url).href, body: await response.text() };
  }

  /** Requests `url` and follows http(s) redirects; stops at a non-redirect or a redirect `stop` accepts. */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}, stop: (location: string) => boolean = () => false): Promise<Hop> {
    let hop = await this.request(url, init);
    for (let n = 0; n < 20 && hop.status >= 300 && hop.status < 400 && hop.location; n += 1) {
      if (!/^https?:/.test(hop.location) || stop(hop.location)) return hop;
      hop = await this.request(hop.location);
    }
    return hop;
  }

  /** Submits the page's form (its `action`) with `fields`, following redirects like `follow`. */
  async submit(page: Hop, fields: Record<string, string>, stop?: (location: string) => boolean): Promise<Hop> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1];
    if (!action) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 200)}`);
    return this.follow(new URL(action.replace(/&amp;/g, '&'), page.url).href, { method: 'POST', form: fields }, stop);
  }
}

/**
 * Signs in at the relay through the issuer's dev pages as `login`: start → issuer login → consent →
 * callback. Answers the last hop: a redirect to the client (302 with the code in `location`), the
 * desktop hand-off page, or an error page.
 */
export async function signInThroughIssuer(browser: OidcBrowser, relayUrl: string, login: string, options: { client?: 'console' | 'phone' | 'desktop'; challenge: string }): Promise<Hop> {
  const toRelay = (location: string) => location.startsWith(relayUrl) && !location.includes('/api/v1/auth/oidc/');
  const start = `${relayUrl}/api/v1/auth/oidc/start?client=${options.client ?? 'console'}&challenge=${options.challenge}`;
  const loginPage = await browser.follow(start, {}, toRelay);
  if (!/name="login"/.test(loginPage.body)) return loginPage;
  const consentPage = await browser.submit(loginPage, { prompt: 'login', login, password: 'any' }, toRelay);
  if (!/name="prompt" value="consent"/.test(consentPage.body)) return consentPage;
  return browser.submit(consentPage, { prompt: 'consent' }, toRelay);
}

/** The one-time code in a hand-off location (`/#/?sso=`, `/m/#sso=`) or a `klaxon://auth?code=` link. */
export function codeOf(location: string): string | undefined {
  return /[?&#](?:sso|code)=([A-Za-z0-9_-]+)/.exec(location)?.[1];
}
