import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Pairing } from '../../../app/devices/pairing.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const NameSchema = z.string().trim().min(1).max(100);
const PairBodySchema = z.object({ code: z.string().trim().min(4).max(32), name: NameSchema });
const RegisterBodySchema = z.object({ name: NameSchema });
const ListQuerySchema = z.object({ all: z.enum(['0', '1']).optional() });
const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/**
 * The phone pairing API: `POST /api/v1/devices/pairing-codes` (a one-time code and the URL the
 * console shows as a QR code), `POST /api/v1/devices/pair` (public: a phone redeems the code for a
 * device token), `POST /api/v1/devices` (a phone signed in with a password registers itself),
 * `GET /api/v1/devices` (mine; `?all=1` everyone's for admins and IR managers) and
 * `DELETE /api/v1/devices/:id` (revoke).
 */
export function registerDeviceRoutes(app: FastifyInstance, deps: { pairing: Pairing; baseUrl: () => string }): void {
  app.post('/api/v1/devices/pairing-codes', async (request) => {
    const user = signedInUser(request);
    const { code, expiresAt } = await deps.pairing.createCode(user.id);
    return { code, expiresAt, pairUrl: `${deps.baseUrl()}/m/#/pair?code=${code}` };
  });

  app.post('/api/v1/devices/pair', { config: { public: true } }, async (request) => {
    const { code, name } = parseInput(PairBodySchema, request.body);
    const result = await deps.pairing.pairWithCode(code, name);
    if (!result.ok) throw new HttpError(400, result.error.message, result.error.field);
    request.log.info({ userId: result.value.user.id, deviceId: result.value.device.id }, 'phone paired with a code');
    return result.value;
  });

  app.post('/api/v1/devices', async (request) => {
    const { name } = parseInput(RegisterBodySchema, request.body);
    const registered = await deps.pairing.registerSignedIn(signedInUser(request), name);
    request.log.info({ userId: registered.user.id, deviceId: registered.device.id }, 'phone registered after sign-in');
    return registered;
  });

  app.get('/api/v1/devices', async (request) => {
    const user = signedInUser(request);
    const { all } = parseInput(ListQuerySchema, request.query, 'query');
    return { devices: await deps.pairing.list({ userId: user.id, role: user.role }, all === '1') };
  });

  app.delete('/api/v1/devices/:id', async (request) => {
    const user = signedInUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const result = await deps.pairing.revoke({ userId: user.id, role: user.role }, id);
    if (!result.ok) throw new HttpError(404, result.error.message, result.error.field);
    return { device: result.value };
  });
}
