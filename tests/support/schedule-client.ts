import type { CalendarBar, CalendarView } from '../../shared/schemas/calendar.js';

/** A small signed-in client of the relay's schedule API, for integration and end-to-end tests. */
export interface ScheduleClient {
  token: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** Signs `username` in at `url` (password `change-me-<username>`, as in the test config). */
export async function signInClient(url: string, username: string, password = `change-me-${username}`): Promise<ScheduleClient> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`${username} cannot sign in: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return {
    token,
    async call(method, path, body) {
      const answer = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
  };
}

/** Writes an instant as the wall-clock "YYYY-MM-DDTHH:MM" in `timeZone`. */
export function localText(at: Date | string | number, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
  return text.replace(' ', 'T');
}

/** Finds the first stretch of the final line, starting after `after`, where only `userId` is on call. */
export async function nextShiftOf(client: ScheduleClient, scheduleId: string, userId: string, after: Date): Promise<CalendarBar> {
  for (let month = 0; month < 3; month += 1) {
    const anchor = new Date(after.getTime() + month * 31 * 86_400_000).toISOString().slice(0, 10);
    const { body } = await client.call('GET', `/api/v1/schedules/${scheduleId}/calendar?view=month&date=${anchor}`);
    const view = body as CalendarView;
    const bar = view.rows[0]!.bars.find((b) => Date.parse(b.start) > after.getTime() && b.users.length === 1 && b.users[0] === userId);
    if (bar) return bar;
  }
  throw new Error(`${userId} has no shift in ${scheduleId} within three months`);
}
