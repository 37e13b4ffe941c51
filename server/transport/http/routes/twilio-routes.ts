import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toE164 } from '../../../../shared/schemas/phone-number.js';
import { gatherTwiml, hangupTwiml, messageTwiml, sayTwiml } from '../../../adapters/twilio/twiml.js';
import { verifyTwilioSignature } from '../../../adapters/twilio/twilio-signature.js';
import type { PhoneReplies } from '../../../app/twilio/phone-replies.js';
import type { PhoneUsage } from '../../../app/twilio/phone-usage.js';
import { HttpError, parseInput } from '../http-error.js';

/** What the provider's callbacks need. */
export interface TwilioRouteDeps {
  /** The account's auth token, the key of the provider's request signatures. */
  authToken: string;
  /** The relay's address as the provider calls it; the signature covers this URL. */
  publicBase: () => string;
  replies: PhoneReplies;
  usage: PhoneUsage;
  /** Fails a page the provider could not get to the phone (see Escalator.pageUndelivered). */
  pageUndelivered: (pageId: string, error: string) => Promise<boolean>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

const Sid = z.string().regex(/^[A-Za-z]{2}[0-9a-fA-F]{32}$/, 'use a SID: two letters and 32 hex digits');
const InboundSmsSchema = z.object({ From: z.string().min(1).max(40), Body: z.string().max(1600).default('') });
const VoiceScriptSchema = z.object({ AnsweredBy: z.string().max(40).optional() });
const GatherSchema = z.object({ Digits: z.string().max(20).default('') });
const ErrorCode = z.string().regex(/^\d{1,6}$/, 'use the numbered error code').optional();
const SmsStatusSchema = z.object({ MessageSid: Sid, MessageStatus: z.string().min(1).max(40), ErrorCode });
const CallStatusSchema = z.object({
  CallSid: Sid,
  CallStatus: z.string().min(1).max(40),
  ErrorCode,
  AnsweredBy: z.string().max(40).optional(),
  CallDuration: z.coerce.number().int().nonnegative().max(86_400).optional(),
});
const PageParamsSchema = z.object({ pageId: z.string().min(1).max(200) });
const ChannelParamsSchema = z.object({ channel: z.enum(['sms', 'voice']) });

const xml = (reply: FastifyReply, body: string) => reply.header('content-type', 'text/xml; charset=utf-8').header('cache-control', 'no-store').send(body);

/**
 * The provider's callbacks (form-encoded, unauthenticated, each checked by its `X-Twilio-Signature`
 * over the public URL and the sorted parameters; a missing or wrong signature answers 403 and changes
 * nothing): `POST /twilio/sms` (an inbound reply, answered with TwiML `<Message>`),
 * `POST /twilio/voice/:pageId` (the call's script: `<Say>` the summary, `<Gather numDigits=1>`; a
 * machine gets a hang-up), `POST /twilio/voice/:pageId/gather` (the key pressed) and
 * `POST /twilio/status/:channel` (delivery and call statuses; counts call minutes; a message or call
 * that never reached the phone fails its page).
 */
export function registerTwilioRoutes(app: FastifyInstance, deps: TwilioRouteDeps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) =>
      done(null, new URLSearchParams(body as string)),
    );
    /** Checks the signature and answers the form's fields. */
    const signed = (request: FastifyRequest): Record<string, string> => {
      const form = request.body instanceof URLSearchParams ? request.body : undefined;
      if (!form) throw new HttpError(415, 'send the callback form-encoded (application/x-www-form-urlencoded)');
      const url = `${deps.publicBase()}${request.url}`;
      const signature = request.headers['x-twilio-signature'];
      if (!verifyTwilioSignature(deps.authToken, url, form.entries(), typeof signature === 'string' ? signature : undefined)) {
        throw new HttpError(403, 'the X-Twilio-Signature of this callback is not valid');
      }
      return Object.fromEntries(form);
    };

    scope.post('/twilio/sms', async (request, reply) => {
      const fields = parseInput(InboundSmsSchema, signed(request));
      const from = toE164(fields.From);
      const answer = from ? await deps.replies.fromSms(from, fields.Body) : 'Klaxon does not know this number, so nothing was changed.';
      return xml(reply, messageTwiml(answer));
    });

    scope.post('/twilio/voice/:pageId', async (request, reply) => {
      const fields = parseInput(VoiceScriptSchema, signed(request));
      const { pageId } = parseInput(PageParamsSchema, request.params, 'path');
      // An answering machine must not record the page (and a call it takes counts as unanswered).
      if (fields.AnsweredBy && /^(machine|fax)/.test(fields.AnsweredBy)) return xml(reply, hangupTwiml());
      const script = await deps.replies.callScript(pageId);
      if (script.kind === 'say') return xml(reply, sayTwiml(script.say));
      return xml(reply, gatherTwiml(script.say, `${deps.publicBase()}/twilio/voice/${encodeURIComponent(pageId)}/gather`));
    });

    scope.post('/twilio/voice/:pageId/gather', async (request, reply) => {
      const fields = parseInput(GatherSchema, signed(request));
      const { pageId } = parseInput(PageParamsSchema, request.params, 'path');
      return xml(reply, sayTwiml(`${await deps.replies.fromKey(pageId, fields.Digits)} Goodbye.`));
    });

    scope.post('/twilio/status/:channel', async (request) => {
      const fields = signed(request);
      const { channel } = parseInput(ChannelParamsSchema, request.params, 'path');
      const outcome =
        channel === 'sms'
          ? await (async () => {
              const s = parseInput(SmsStatusSchema, fields);
              return deps.usage.fromStatus({ channel, sid: s.MessageSid, status: s.MessageStatus, ...(s.ErrorCode ? { errorCode: s.ErrorCode } : {}) });
            })()
          : await (async () => {
              const c = parseInput(CallStatusSchema, fields);
              return deps.usage.fromStatus({
                channel,
                sid: c.CallSid,
                status: c.CallStatus,
                ...(c.AnsweredBy ? { answeredBy: c.AnsweredBy } : {}),
                ...(c.CallDuration !== undefined ? { durationSeconds: c.CallDuration } : {}),
                ...(c.ErrorCode ? { errorCode: c.ErrorCode } : {}),
              });
            })();
      if (!outcome.found) throw new HttpError(404, 'no page was sent with this SID');
      // A page that never reached the phone fails, on the record, and the escalation hears of it.
      if (outcome.undelivered) {
        const failed = await deps.pageUndelivered(outcome.pageId, outcome.undelivered);
        deps.log.warn({ pageId: outcome.pageId, channel, error: outcome.undelivered, failed }, 'phone page not delivered');
        return { ok: true, pageId: outcome.pageId, unanswered: outcome.unanswered, undelivered: outcome.undelivered };
      }
      // Nothing changes for an unanswered call: the page stays unread, so it repeats and escalates.
      if (outcome.unanswered) deps.log.info({ pageId: outcome.pageId, channel }, 'phone page not answered; the escalation goes on');
      return { ok: true, pageId: outcome.pageId, unanswered: outcome.unanswered };
    });
  });
}
