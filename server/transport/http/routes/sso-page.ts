import { ACTION_PAGE_HEADERS, escapeHtml } from './action-confirm-page.js';

/** The headers of the sign-in pages: no scripts, no outside resources, never cached, no referrer. */
export const SSO_PAGE_HEADERS = ACTION_PAGE_HEADERS;

const page = (title: string, body: string, refreshTo?: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Klaxon</title>` +
  (refreshTo ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(refreshTo)}">` : '') +
  '<style>body{font:18px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;background:#0b1020;color:#e2e8f0}' +
  'a.button{display:block;text-align:center;padding:1rem;font-weight:600;border-radius:.5rem;background:#f8fafc;color:#111827;text-decoration:none}</style>' +
  `</head><body>${body}</body></html>`;

/** The page a failed sign-in ends on: what went wrong in words, and a way back to the sign-in page. */
export function ssoErrorPage(title: string, message: string, backTo: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p data-testid="sso-error">${escapeHtml(message)}</p><p><a class="button" href="${escapeHtml(backTo)}">Back to sign-in</a></p>`,
  );
}

/** The page that hands the desktop app its one-time code through the `klaxon://` link. */
export function desktopHandoffPage(link: string): string {
  return page(
    'Return to Klaxon',
    '<h1>Signed in</h1><p>Your browser is handing the sign-in to the Klaxon app. If it does not open, press the button; then you can close this tab.</p>' +
      `<p><a class="button" href="${escapeHtml(link)}">Open Klaxon</a></p>`,
    link,
  );
}
