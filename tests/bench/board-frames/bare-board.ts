/**
 * The baseline of the board bench: the same open incidents, fed by the same relay over the same
 * `/console` Socket.IO namespace, drawn by a bare hand-written virtual list (plain DOM, no Vue, no
 * PrimeVue, no stores). It speaks the Socket.IO v4 wire protocol over a plain WebSocket, asks for the
 * board snapshot, merges every `incident:*` and `page:updated` push into a Map and redraws the rows
 * in view at most once per frame. What Klaxon's board costs beyond this is the price of the framework
 * and of the board's features.
 */

/** The test id of the bare board's scrolling element. */
export const BARE_VIEWPORT = 'bare-viewport';

/**
 * The page script, a function's source (a string, so that tsx's helpers do not leak into the page):
 * call it with `{ token }` in a page of the relay's origin; it answers the number of rows once the
 * snapshot is drawn.
 */
export const BARE_BOARD = `(({ token }) => new Promise((resolve, reject) => {
  const ROW = 40, OVERSCAN = 6, NS = '/console,';
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  const style = document.createElement('style');
  style.textContent = [
    'body { margin: 0; font: 14px system-ui, sans-serif; background: #111827; color: #e5e7eb; }',
    '.head, .row { display: grid; grid-template-columns: 2rem 5.6rem 8rem 8rem minmax(10rem, 1fr) 4.6rem 3.4rem 9rem 6.6rem 6.5rem 6.5rem; column-gap: 0.5rem; align-items: center; padding: 0 0.6rem; }',
    '.head { height: 2.4rem; font-size: 0.75rem; text-transform: uppercase; }',
    '.viewport { height: calc(100vh - 6rem); overflow-y: auto; position: relative; contain: strict; }',
    '.spacer { position: relative; }',
    '.row { position: absolute; left: 0; right: 0; top: 0; height: 40px; box-sizing: border-box; border-bottom: 1px solid #1f2937; contain: layout paint; }',
    '.row > span { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }',
  ].join('\\n');
  document.head.append(style);
  const count = document.createElement('div');
  const head = document.createElement('div');
  head.className = 'head';
  for (const label of ['', 'Priority', 'State', 'Service', 'Summary', 'Age', 'Alerts', 'Paged', 'Verdict', 'Triage', 'Forensic']) {
    const cell = document.createElement('span');
    cell.textContent = label;
    head.append(cell);
  }
  const viewport = document.createElement('div');
  viewport.className = 'viewport';
  viewport.dataset.testid = '${BARE_VIEWPORT}';
  const spacer = document.createElement('div');
  spacer.className = 'spacer';
  viewport.append(spacer);
  document.body.append(count, head, viewport);

  const RANK = { high: 0, medium: 1, low: 2 };
  const byId = new Map();
  const pages = new Map();
  let order = [];
  const rowsOut = [];
  let queued = false;

  const cells = (i) => [
    '', i.priority, i.status, i.serviceId, i.summary,
    Math.round((Date.now() - Date.parse(i.firstSeenAt)) / 60000) + ' min', String(i.alertCount),
    String((pages.get(i.id) || new Set()).size), i.triageVerdict || '—', i.triageAssignee || '—', i.forensicAssignee || '—',
  ];
  function render() {
    queued = false;
    count.textContent = order.length + ' open';
    spacer.style.height = order.length * ROW + 'px';
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW) - OVERSCAN);
    const last = Math.min(order.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW) + OVERSCAN);
    for (let n = 0; n < last - first; n++) {
      let row = rowsOut[n];
      if (!row) {
        row = document.createElement('div');
        row.className = 'row';
        for (let c = 0; c < 11; c++) row.append(document.createElement('span'));
        spacer.append(row);
        rowsOut.push(row);
      }
      const incident = byId.get(order[first + n]);
      row.style.transform = 'translateY(' + (first + n) * ROW + 'px)';
      row.style.display = '';
      const texts = cells(incident);
      for (let c = 0; c < 11; c++) if (row.children[c].textContent !== texts[c]) row.children[c].textContent = texts[c];
    }
    for (let n = last - first; n < rowsOut.length; n++) rowsOut[n].style.display = 'none';
  }
  const schedule = () => {
    if (!queued) { queued = true; requestAnimationFrame(render); }
  };
  const sortOrder = () => {
    order = [...byId.values()].sort((a, b) => RANK[a.priority] - RANK[b.priority] || (a.firstSeenAt < b.firstSeenAt ? 1 : -1)).map((i) => i.id);
  };
  const upsert = (incident) => {
    const known = byId.get(incident.id);
    if (known && known.seq >= incident.seq) return;
    if (incident.status === 'resolved') {
      byId.delete(incident.id);
      order = order.filter((id) => id !== incident.id);
    } else {
      byId.set(incident.id, incident);
      if (!known || known.priority !== incident.priority) sortOrder();
    }
  };
  const addPage = (page) => {
    if (!pages.has(page.incidentId)) pages.set(page.incidentId, new Set());
    pages.get(page.incidentId).add(page.userId);
  };
  viewport.addEventListener('scroll', schedule, { passive: true });

  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/socket.io/?EIO=4&transport=websocket');
  window.__bare = ws;
  ws.onerror = () => reject(new Error('bare board: WebSocket error'));
  ws.onmessage = ({ data }) => {
    if (data[0] === '0') return ws.send('40' + NS + JSON.stringify({ token }));
    if (data === '2') return ws.send('3');
    if (data.startsWith('44' + NS)) return reject(new Error('bare board: ' + data));
    if (data.startsWith('40' + NS)) return ws.send('42' + NS + '0["board:subscribe"]');
    if (data.startsWith('43' + NS + '0')) {
      const [result] = JSON.parse(data.slice(('43' + NS + '0').length));
      if (!result.ok) return reject(new Error('bare board: ' + JSON.stringify(result.error)));
      for (const incident of result.value.incidents) byId.set(incident.id, incident);
      for (const page of result.value.pages || []) addPage(page);
      sortOrder();
      render();
      return resolve(order.length);
    }
    if (data.startsWith('42' + NS)) {
      const [name, payload] = JSON.parse(data.slice(('42' + NS).length));
      if (name === 'incident:created' || name === 'incident:updated') upsert(payload);
      else if (name === 'page:updated') addPage(payload);
      schedule();
    }
  };
}))`;
