import { describe, expect, it } from 'vitest';
import { emptyForm, formOf, inputOf } from './connection-form.js';

describe('the ConnectWise connection form', () => {
  const filled = { ...emptyForm(), id: 'acme', companyId: 'msp', clientId: 'cid', board: 'Desk', company: 'MSP', services: 'rmm, db', publicKeyEnv: 'CW_PUB', privateKey: 'typed-now' };

  it('turns the fields into the API input, leaving empty keys out', () => {
    const result = inputOf(filled);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input).toMatchObject({ id: 'acme', services: ['rmm', 'db'], publicKeyEnv: 'CW_PUB', privateKey: 'typed-now', mapping: { board: 'Desk', fromPriority: 'high' } });
    expect(result.input.publicKey).toBeUndefined();
  });

  it('names the wrong field', () => {
    expect(inputOf({ ...filled, site: 'http://plain.example.com' })).toMatchObject({ ok: false, error: expect.stringMatching(/^site: /) });
    expect(inputOf({ ...filled, board: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/^mapping\.board: /) });
  });

  it('reads a stored connection back without any key', () => {
    const view = { ...(inputOf(filled) as { ok: true; input: never }).input as object, publicKey: { set: true, from: 'env' }, privateKey: { set: true, from: 'console' }, broken: null, managedBy: 'console' } as never;
    const form = formOf(view);
    expect(form).toMatchObject({ id: 'acme', services: 'rmm, db', publicKey: '', privateKey: '' });
  });
});
