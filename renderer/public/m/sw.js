// @ts-check
/* The Klaxon phone app's service worker (scope /m/). It shows a page sent by Web Push even when the
   app is closed, with Read and Acknowledge actions that report back through the page's signed action
   links, and tells an open app about the page so that it rings at once. Plain JavaScript: it is
   served as it is, at a fixed URL, so its scope stays /m/. */
/// <reference lib="webworker" />
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

sw.addEventListener('install', () => {
  void sw.skipWaiting();
});
sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

/** @param {unknown} data */
function isPage(data) {
  return !!data && typeof data === 'object' && 'pageId' in data && 'summary' in data && 'actions' in data;
}

sw.addEventListener('push', (event) => {
  /** @type {any} */
  let page;
  try {
    page = event.data ? event.data.json() : undefined;
  } catch {
    page = undefined;
  }
  if (!isPage(page)) return;
  const title = `${String(page.priority).toUpperCase()} · ${page.serviceName}${page.attempt > 1 ? ` (repeat ${page.attempt})` : ''}`;
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) client.postMessage({ type: 'klaxon:page', page });
      await sw.registration.showNotification(title, {
        body: page.summary,
        tag: page.pageId,
        // A repeat of the same page replaces the notification and alerts again.
        renotify: true,
        requireInteraction: page.priority === 'high',
        vibrate: page.priority === 'high' ? [400, 150, 400, 150, 400] : [200],
        data: page,
        actions: [
          { action: 'read', title: 'Read' },
          { action: 'acknowledge', title: 'Acknowledge' },
        ],
      });
    })(),
  );
});

sw.addEventListener('notificationclick', (event) => {
  const page = event.notification.data;
  event.notification.close();
  if (!isPage(page)) return;
  event.waitUntil(
    (async () => {
      if (event.action === 'read' || event.action === 'acknowledge') {
        await fetch(page.actions[event.action], { method: 'POST' });
        return;
      }
      // A tap on the notification itself reads it too: the person has seen it; then the app opens.
      await fetch(page.actions.read, { method: 'POST' }).catch(() => undefined);
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((c) => new URL(c.url).pathname.startsWith('/m/'));
      if (open) await open.focus();
      else await sw.clients.openWindow(page.openUrl);
    })(),
  );
});
