import type { PageAction } from '../../../app/push/action-links.js';

/** The headers of the action pages: no scripts, no outside resources, forms only back to the relay. */
export const ACTION_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
} as const;

const VERB: Record<PageAction, string> = { read: 'Read', acknowledge: 'Acknowledge' };

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Klaxon</title>` +
  '<style>body{font:18px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;background:#0b1020;color:#e2e8f0}' +
  'button{width:100%;min-height:3.5rem;font:inherit;font-weight:600;border-radius:.5rem;border:0;background:#f8fafc;color:#111827;cursor:pointer}</style>' +
  `</head><body>${body}</body></html>`;

/**
 * The page a signed action link opens with GET: it changes nothing (mail scanners and link previews
 * fetch links), and its one button POSTs the same signed URL.
 */
export function confirmPage(action: PageAction, postUrl: string): string {
  const verb = VERB[action];
  return page(
    `${verb} this page?`,
    `<h1>${verb} this page?</h1><p>Press the button to tell Klaxon${action === 'read' ? ' you have read the page' : ' you acknowledge the incident'}.</p>` +
      `<form method="post" action="${escapeHtml(postUrl)}"><button type="submit">${verb}</button></form>`,
  );
}

/** The page a browser gets after the POST: what was done, or why not. */
export function resultPage(ok: boolean, message: string): string {
  return page(ok ? 'Done' : 'Not done', `<h1>${ok ? 'Done' : 'Not done'}</h1><p>${escapeHtml(message)}</p>`);
}
