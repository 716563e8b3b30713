/**
 * The send endpoints: WhatsApp Cloud API `POST /graph/{v}/{phone_number_id}/messages`, Instagram
 * `POST /ig-graph/{v}/{me|ig_user_id}/messages` (DMs and private replies) and
 * `POST /ig-graph/{v}/{comment_id}/replies` (public comment replies), in Meta's request, response
 * and error shapes. Accepted sends are recorded (`state.sentMessages()`) and followed by status
 * webhooks / events (`outbox.ts`). Also the admin controls of that (`/_admin/send-settings`,
 * `/_admin/sent-messages`).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import {
  graphError,
  invalidParameter,
  outsideAllowedWindow,
  reEngagement,
  unsupportedRequest,
} from '../graph-error.ts';
import {
  checkVersion,
  operation,
  params,
  readBody,
  requireBusinessToken,
  requireInstagramToken,
  type SandboxContextState,
  type SandboxDeps,
} from '../http.ts';
import type { SandboxOutbox } from '../outbox.ts';
import type { SendSettings } from '../types.ts';
import {
  instagramScopedId,
  newInstagramMid,
  newNumericId,
  newWamid,
  WHATSAPP_ERRORS,
  WHATSAPP_STATUSES,
  type WhatsAppStatusName,
} from '../webhook-payloads.ts';

type Json = Record<string, unknown>;
export type SendDeps = SandboxDeps & { outbox: SandboxOutbox };

const isObject = (value: unknown): value is Json =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** Graph takes nested parameters as JSON, or in a form / query string as JSON-encoded strings. */
function nested(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function sendBody(ctx: Context): Promise<Json> {
  const body = { ...(await params(ctx)), ...(await readBody(ctx)) } as Json;
  for (const key of ['text', 'context', 'recipient', 'message']) body[key] = nested(body[key]);
  return body;
}

const WA_TEXT_LIMIT = 4096;
/**
 * `biz_opaque_callback_data`: an arbitrary string of at most 512 characters that Meta returns on the
 * message's sent, delivered and read statuses. The wording of the sandbox's errors for it is its own.
 */
const CALLBACK_DATA_LIMIT = 512;
const IG_TEXT_LIMIT_BYTES = 1000;

function whatsappParamError(message: string): never {
  throw graphError(400, {
    message: `(#100) ${message}`,
    type: 'OAuthException',
    code: 100,
    error_data: { messaging_product: 'whatsapp', details: message },
  });
}

export function whatsappSendRouter(deps: SendDeps): Router {
  const { state, outbox } = deps;
  const router = new Router({ prefix: '/graph' });
  router.param('version', checkVersion);

  router.post('/:version/:phoneId/messages', operation(deps, 'graph.messages', 'graph'), async (ctx) => {
    const token = await requireBusinessToken(state, ctx);
    const phoneId = String(ctx.params.phoneId);
    if (!state.findPhoneNumber(phoneId) || !token.phoneNumberIds.includes(phoneId))
      throw unsupportedRequest('post', phoneId);
    const body = await sendBody(ctx);
    if (body.messaging_product === undefined)
      whatsappParamError('The parameter messaging_product is required.');
    if (String(body.messaging_product).toLowerCase() !== 'whatsapp')
      whatsappParamError(
        `Param messaging_product must be one of {WHATSAPP} - got "${String(body.messaging_product)}".`,
      );

    // Mark as read (+ typing indicator): same endpoint, `{status: 'read', message_id}`.
    if (body.status !== undefined) {
      if (body.status !== 'read') whatsappParamError('Param status must be one of {READ}.');
      if (typeof body.message_id !== 'string' || !body.message_id)
        whatsappParamError('The parameter message_id is required.');
      ctx.body = { success: true };
      return;
    }

    const recipientType = body.recipient_type ?? 'individual';
    if (recipientType !== 'individual')
      whatsappParamError(
        `Param recipient_type must be one of {INDIVIDUAL} - got "${String(recipientType)}".`,
      );
    if (typeof body.to !== 'string' || !body.to.trim()) whatsappParamError('The parameter to is required.');
    const to = body.to;
    const waId = to.replace(/\D/g, '');
    if (waId.length < 5 || waId.length > 20) {
      throw graphError(400, {
        message: '(#131009) Parameter value is not valid',
        type: 'OAuthException',
        code: 131009,
        error_data: { messaging_product: 'whatsapp', details: `Invalid WhatsApp phone number: ${to}` },
      });
    }
    const type = body.type ?? 'text';
    if (type !== 'text') {
      throw graphError(400, {
        message: '(#131009) Parameter value is not valid',
        type: 'OAuthException',
        code: 131009,
        error_data: {
          messaging_product: 'whatsapp',
          details: `The sandbox sends only type text (got ${String(type)}).`,
        },
      });
    }
    const text = body.text;
    if (!isObject(text) || typeof text.body !== 'string' || text.body === '')
      whatsappParamError("The parameter text['body'] is required.");
    if (text.body.length > WA_TEXT_LIMIT)
      whatsappParamError(`Param text['body'] must be at most ${WA_TEXT_LIMIT} characters long.`);
    if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean')
      whatsappParamError("Param text['preview_url'] must be a boolean.");
    let replyTo: string | null = null;
    if (body.context !== undefined) {
      if (!isObject(body.context) || typeof body.context.message_id !== 'string' || !body.context.message_id)
        whatsappParamError("The parameter context['message_id'] is required.");
      replyTo = body.context.message_id;
    }
    const callbackData = body.biz_opaque_callback_data;
    if (callbackData !== undefined) {
      if (typeof callbackData !== 'string')
        whatsappParamError('Param biz_opaque_callback_data must be a string.');
      if (callbackData.length > CALLBACK_DATA_LIMIT)
        whatsappParamError(
          `Param biz_opaque_callback_data must be at most ${CALLBACK_DATA_LIMIT} characters long.`,
        );
    }
    if (!state.windowOpen({ whatsapp: phoneId, waId })) throw reEngagement();

    const sent = state.recordSent({
      channel: 'whatsapp',
      providerId: newWamid(waId),
      from: phoneId,
      to,
      recipientId: waId,
      text: text.body,
      replyTo,
      ...(callbackData !== undefined ? { callbackData } : {}),
    });
    const deferred = (ctx.state as SandboxContextState).deferredFault;
    outbox.afterWhatsAppSend(
      sent,
      deferred === 'fail_later_undeliverable'
        ? WHATSAPP_ERRORS.undeliverable
        : deferred === 'fail_later_window_closed'
          ? WHATSAPP_ERRORS.reEngagement
          : undefined,
    );
    ctx.body = {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: waId }],
      messages: [{ id: sent.providerId }],
    };
  });

  return router;
}

export function instagramSendRouter(deps: SendDeps): Router {
  const { state, outbox } = deps;
  const router = new Router({ prefix: '/ig-graph' });
  router.param('version', checkVersion);

  function requireScope(scopes: string[], scope: string) {
    if (!scopes.includes(scope))
      throw graphError(403, {
        message: `(#200) This action requires the ${scope} permission`,
        type: 'OAuthException',
        code: 200,
      });
  }

  function checkText(value: unknown, name: string): string {
    if (typeof value !== 'string' || value === '')
      throw invalidParameter(`The parameter ${name} is required.`, 'IGApiException');
    if (Buffer.byteLength(value, 'utf8') > IG_TEXT_LIMIT_BYTES)
      throw invalidParameter(
        `Length of param ${name} must be less than or equal to ${IG_TEXT_LIMIT_BYTES} bytes`,
        'IGApiException',
      );
    return value;
  }

  router.post('/:version/:id/messages', operation(deps, 'ig.messages', 'ig-graph'), async (ctx) => {
    const token = await requireInstagramToken(state, ctx);
    const id = String(ctx.params.id);
    const account = state.findInstagramAccount(token.userId);
    if (!account || (id !== 'me' && id !== account.userId && id !== account.appScopedId))
      throw unsupportedRequest('post', id);
    requireScope(token.scopes, 'instagram_business_manage_messages');
    const body = await sendBody(ctx);
    const recipient = body.recipient;
    if (
      !isObject(recipient) ||
      (typeof recipient.id !== 'string' && typeof recipient.comment_id !== 'string')
    )
      throw invalidParameter('The parameter recipient is required.', 'IGApiException');
    const message = body.message;
    if (!isObject(message)) throw invalidParameter('The parameter message is required.', 'IGApiException');
    if (message.attachment !== undefined)
      throw invalidParameter('The sandbox sends only message[text].', 'IGApiException');
    const text = checkText(message.text, 'message[text]');

    let recipientId: string;
    let replyTo: string | null = null;
    if (typeof recipient.comment_id === 'string') {
      // A private reply to a comment: allowed within 7 days; the sandbox knows its customer's comments.
      const comment = state.findComment(recipient.comment_id);
      if (comment && comment.accountId !== account.userId)
        throw unsupportedRequest('post', recipient.comment_id);
      recipientId = comment?.fromId ?? instagramScopedId(account.userId, `comment:${recipient.comment_id}`);
      replyTo = recipient.comment_id;
    } else {
      recipientId = String(recipient.id);
      if (!state.windowOpen({ instagram: account.userId, igsid: recipientId })) throw outsideAllowedWindow();
    }
    const sent = state.recordSent({
      channel: 'instagram_dm',
      providerId: newInstagramMid(account.userId),
      from: account.userId,
      to: replyTo ? `comment:${replyTo}` : recipientId,
      recipientId,
      text,
      replyTo,
    });
    outbox.afterInstagramDm(sent);
    ctx.body = { recipient_id: recipientId, message_id: sent.providerId };
  });

  router.post(
    '/:version/:commentId/replies',
    operation(deps, 'ig.comment_replies', 'ig-graph'),
    async (ctx) => {
      const token = await requireInstagramToken(state, ctx);
      const commentId = String(ctx.params.commentId);
      const account = state.findInstagramAccount(token.userId);
      const comment = state.findComment(commentId);
      if (!account || !/^\d+$/.test(commentId) || (comment && comment.accountId !== account.userId))
        throw unsupportedRequest('post', commentId);
      requireScope(token.scopes, 'instagram_business_manage_comments');
      const body = await sendBody(ctx);
      const text = checkText(body.message, 'message');
      const sent = state.recordSent({
        channel: 'instagram_comment_reply',
        providerId: newNumericId('178', 17),
        from: account.userId,
        to: commentId,
        recipientId: comment?.fromId ?? '',
        text,
        replyTo: commentId,
      });
      ctx.body = { id: sent.providerId };
    },
  );

  return router;
}

/** `/_admin/send-settings` and `/_admin/sent-messages` (not Meta's). */
export function sendAdminRouter(deps: SendDeps): Router {
  const { state, outbox } = deps;
  const router = new Router({ prefix: '/_admin' });

  const putSettings = async (ctx: Context) => {
    const body = await readBody(ctx);
    const allowed = ['statuses', 'delayMs', 'instagramRead', 'instagramEcho', 'window'];
    const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
    try {
      if (unknown.length) throw new RangeError(`unknown settings: ${unknown.join(', ')}`);
      ctx.body = { settings: outbox.configure(body as Partial<SendSettings>) };
    } catch (error) {
      ctx.status = 400;
      ctx.body = { error: error instanceof Error ? error.message : String(error) };
    }
  };
  router.get('/send-settings', (ctx) => {
    ctx.body = { settings: state.sendSettings };
  });
  router.put('/send-settings', putSettings);
  router.post('/send-settings', putSettings);

  router.get('/sent-messages', (ctx) => {
    ctx.body = { messages: state.sentMessages() };
  });

  router.post('/sent-messages/status', async (ctx) => {
    const body = await readBody(ctx);
    const status = body.status;
    if (typeof body.messageId !== 'string' || !WHATSAPP_STATUSES.includes(status as WhatsAppStatusName)) {
      ctx.status = 400;
      ctx.body = { error: 'Expected {messageId, status, errorCode?}', statuses: WHATSAPP_STATUSES };
      return;
    }
    const errors =
      body.errorCode === 131047
        ? [WHATSAPP_ERRORS.reEngagement]
        : body.errorCode === 131026
          ? [WHATSAPP_ERRORS.undeliverable]
          : undefined;
    try {
      ctx.body = { emitted: await outbox.emitStatus(body.messageId, status as WhatsAppStatusName, errors) };
    } catch (error) {
      ctx.status = 404;
      ctx.body = { error: error instanceof Error ? error.message : String(error) };
    }
  });

  return router;
}
