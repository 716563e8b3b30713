import { createLaras } from '@laras/sdk';
import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from '../features/auth/messages.ts';
import { ApiError, unwrap } from './api-error.ts';
import { errorText } from './error-text.ts';

/** The SDK in session mode against an origin whose every answer is `reply` (no retries). */
function portalClientAnswering(reply: () => Response) {
  return createLaras({
    baseUrl: 'https://portal.acme.test',
    session: true,
    maxRetries: 0,
    fetch: async () => reply(),
  });
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error,
  );
}

describe('errorText', () => {
  it('shows the API’s own message', async () => {
    const laras = portalClientAnswering(() =>
      Response.json(
        { error: { code: 'service_unavailable', message: 'Meta did not answer.', request_id: 'req_1' } },
        { status: 503 },
      ),
    );
    const error = await failureOf(unwrap(laras.getCurrentSession()));
    expect(error).toBeInstanceOf(ApiError);
    expect(errorText(error)).toBe('Meta did not answer.');
  });

  it('never shows the SDK’s diagnostic for an answer from a proxy in front of the API', async () => {
    const answers = [
      () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      () => new Response(null, { status: 504, statusText: 'Gateway Timeout' }),
      () => new Response('<html>Request Entity Too Large</html>', { status: 413 }),
    ];
    const shown: string[] = [];
    for (const answer of answers) {
      const error = await failureOf(unwrap(portalClientAnswering(answer).getCurrentSession()));
      expect(error).toMatchObject({ fromApi: false, message: expect.stringContaining('Laras') });
      shown.push(errorText(error), signInErrorMessage(error));
    }
    expect(shown).toEqual([
      'Something went wrong on our side. Try again in a moment.',
      'Something went wrong on our side. Try again in a moment.',
      'Something went wrong on our side. Try again in a moment.',
      'Something went wrong on our side. Try again in a moment.',
      'That is too large to send. Make it smaller and try again.',
      'Something went wrong on our side. Try again in a moment.',
    ]);
  });

  it('says something plain when no answer came at all', () => {
    expect(errorText(new TypeError('fetch failed'))).toBe(
      'Something went wrong. Check your connection and try again.',
    );
  });
});
