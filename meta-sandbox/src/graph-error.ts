/**
 * Meta's error answers. Graph hosts (graph.facebook.com, graph.instagram.com) answer
 * `{ error: { message, type, code, error_subcode?, is_transient?, fbtrace_id } }`; api.instagram.com's
 * OAuth endpoint answers flat `{ error_type, code, error_message }`. Handlers throw `MetaError`;
 * the app's error middleware writes it.
 */
import { randomBytes } from 'node:crypto';

export type GraphErrorFields = {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  error_data?: Record<string, unknown>;
};

export class MetaError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.error_message === 'string' ? body.error_message : 'Meta error');
    this.name = 'MetaError';
  }
}

function fbtraceId(): string {
  return `A${randomBytes(16).toString('base64url').slice(0, 22)}`;
}

/** A Graph-shaped error. */
export function graphError(status: number, fields: GraphErrorFields): MetaError {
  return new MetaError(status, { error: { ...fields, fbtrace_id: fbtraceId() } });
}

/** api.instagram.com's flat error shape. */
export function instagramApiError(message: string, status = 400): MetaError {
  return new MetaError(status, { error_type: 'OAuthException', code: status, error_message: message });
}

/** Code 190: the token is unknown, malformed, revoked or (subcode 463) expired. */
export function invalidToken(expiredAt?: Date, status = 401): MetaError {
  if (expiredAt) {
    return graphError(status, {
      message: `Error validating access token: Session has expired on ${expiredAt.toUTCString()}.`,
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    });
  }
  return graphError(status, {
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
    code: 190,
  });
}

export function missingToken(): MetaError {
  return graphError(400, {
    message: 'An access token is required to request this resource.',
    type: 'OAuthException',
    code: 104,
  });
}

/** Code 100/33: the object does not exist or this token may not reach it. */
export function unsupportedRequest(method: string, id: string): MetaError {
  return graphError(400, {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

export function invalidParameter(message: string, type = 'OAuthException'): MetaError {
  return graphError(400, { message: `(#100) ${message}`, type, code: 100 });
}

export function codeExpired(): MetaError {
  return graphError(400, {
    message: 'This authorization code has expired.',
    type: 'OAuthException',
    code: 100,
    error_subcode: 36007,
  });
}

export function codeUsed(): MetaError {
  return graphError(400, {
    message: 'This authorization code has been used.',
    type: 'OAuthException',
    code: 100,
    error_subcode: 36009,
  });
}

export function codeInvalid(): MetaError {
  return graphError(400, {
    message: 'Invalid verification code format.',
    type: 'OAuthException',
    code: 100,
  });
}

export function badClientSecret(): MetaError {
  return graphError(400, { message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
}

export function badAppId(): MetaError {
  return graphError(400, {
    message: 'Error validating application. Invalid application ID.',
    type: 'OAuthException',
    code: 101,
  });
}

/** Meta's transient failure (HTTP 500, code 2, is_transient). */
export function serverError(): MetaError {
  return graphError(500, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code: 2,
    is_transient: true,
  });
}

/** WhatsApp 131047: more than 24 h since the customer last wrote (synchronous form). */
export function reEngagement(): MetaError {
  return graphError(400, {
    message: '(#131047) Re-engagement message',
    type: 'OAuthException',
    code: 131047,
    error_data: {
      messaging_product: 'whatsapp',
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    },
  });
}

/** Instagram (Messenger Platform): a DM outside the 24-hour window. */
export function outsideAllowedWindow(): MetaError {
  return graphError(400, {
    message: '(#10) This message is sent outside of allowed window.',
    type: 'OAuthException',
    code: 10,
    error_subcode: 2534022,
  });
}

/** WhatsApp 130429: Cloud API throughput reached. */
export function throughputRateLimit(): MetaError {
  return graphError(400, {
    message: '(#130429) Rate limit hit',
    type: 'OAuthException',
    code: 130429,
    error_data: {
      messaging_product: 'whatsapp',
      details: 'Cloud API message throughput has been reached.',
    },
  });
}

/** Code 4: the app's request limit (HTTP 429, transient). */
export function appRateLimit(): MetaError {
  return graphError(429, {
    message: '(#4) Application request limit reached',
    type: 'OAuthException',
    code: 4,
    error_subcode: 2446079,
    is_transient: true,
  });
}

/** Code 80007: the WhatsApp Business Account's rate limit. */
export function wabaRateLimit(): MetaError {
  return graphError(400, {
    message: '(#80007) Rate limit issues',
    type: 'OAuthException',
    code: 80007,
    error_data: {
      messaging_product: 'whatsapp',
      details: 'The WhatsApp Business Account has reached its rate limit.',
    },
  });
}
