import { describe, expect, it } from 'vitest';
import { createRelayApi, normaliseRelayUrl, RelayError } from './relay-api.js';

const okBody = {
  token: 't',
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'admin', name: 'Administrator', email: 'admin@klaxon.localhost', role: 'admin', notify: [] },
};

function fakeFetch(answer: () => Promise<Response>): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (input) => {
      urls.push(String(input));
      return answer();
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<RelayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelayError);
  return error as RelayError;
}

describe('normaliseRelayUrl', () => {
  it('drops trailing slashes and keeps a path prefix', () => {
    expect(normaliseRelayUrl(' http://relay:7300/ ')).toBe('http://relay:7300');
    expect(normaliseRelayUrl('https://noc.example/klaxon/')).toBe('https://noc.example/klaxon');
  });

  it('refuses what is not an http(s) address', () => {
    expect(() => normaliseRelayUrl('relay:7300x')).toThrow(RelayError);
    expect(() => normaliseRelayUrl('not a url')).toThrow(/not a relay address/);
  });
});

describe('createRelayApi().login', () => {
  it('posts to /api/v1/auth/login and returns the validated answer', async () => {
    const fake = fakeFetch(async () => Response.json(okBody));
    const answer = await createRelayApi(fake.fetch).login('http://relay:7300/', { username: 'admin', password: 'pw' });
    expect(answer.user.name).toBe('Administrator');
    expect(fake.urls).toEqual(['http://relay:7300/api/v1/auth/login']);
  });

  it('says the relay is unreachable on a network error', async () => {
    const fake = fakeFetch(async () => {
      throw new TypeError('fetch failed');
    });
    const error = await failure(createRelayApi(fake.fetch).login('http://relay:7300', { username: 'a', password: 'b' }));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe('The relay at http://relay:7300 is unreachable');
  });

  it('says wrong username or password on 401', async () => {
    const fake = fakeFetch(async () => Response.json({ message: 'invalid credentials' }, { status: 401 }));
    const error = await failure(createRelayApi(fake.fetch).login('http://relay:7300', { username: 'a', password: 'b' }));
    expect(error.message).toBe('Wrong username or password');
  });

  it('names other refusals with their status and message', async () => {
    const fake = fakeFetch(async () => Response.json({ message: 'too many attempts' }, { status: 429 }));
    const error = await failure(createRelayApi(fake.fetch).login('http://relay:7300', { username: 'a', password: 'b' }));
    expect(error.message).toBe('The relay refused the sign-in (HTTP 429: too many attempts)');
  });

  it('refuses an answer that does not match the shared schema', async () => {
    const fake = fakeFetch(async () => Response.json({ token: 't' }));
    const error = await failure(createRelayApi(fake.fetch).login('http://relay:7300', { username: 'a', password: 'b' }));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/does not understand \(expiresAt\)/);
  });
});

describe('createRelayApi().me and logout', () => {
  it('reads the user a token belongs to, with the bearer header', async () => {
    let auth: string | null = null;
    const api = createRelayApi(async (_input, init) => {
      auth = new Headers(init?.headers).get('authorization');
      return Response.json(okBody.user);
    });
    expect((await api.me('http://relay:7300', 'tok')).id).toBe('admin');
    expect(auth).toBe('Bearer tok');
  });

  it('says the session ended on 401', async () => {
    const api = createRelayApi(async () => Response.json({ message: 'no' }, { status: 401 }));
    const error = await failure(api.me('http://relay:7300', 'tok'));
    expect(error.kind).toBe('unauthorized');
  });

  it('never fails to log out, even offline', async () => {
    const api = createRelayApi(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(api.logout('http://relay:7300', 'tok')).resolves.toBeUndefined();
  });
});
