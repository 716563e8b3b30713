/*
 * Drafts replies with any OpenAI-compatible Chat Completions server (the `openai` package), using
 * structured output (a strict JSON schema derived from DraftContentSchema).
 *
 * Failure behaviour (documented decision): the provider never returns an unvalidated draft. Every
 * failure throws a DraftProviderError with a machine-readable `code`:
 *   - `timeout`, `connection`, `http` (with `status`), `aborted`: the request failed after the client's
 *     bounded retries (`maxRetries`, each attempt limited to `timeoutMs`; 408/409/429/5xx, connection
 *     errors and timeouts are retried);
 *   - `refusal`, `truncated`, `malformed_output` (not JSON), `schema_violation` (JSON that does not
 *     match DraftContentSchema), `ungrounded_citation` (cites a sku/policy/FAQ this workspace does not
 *     have): the model answered but the answer cannot be used. These are not retried.
 * The caller decides what to do instead (e.g. fall back to the built-in drafter, or hold for a person).
 */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { BusinessContext } from '../business-context/types.ts';
import { fitToChannel } from './compose.ts';
import type { Drafter } from './drafter.ts';
import { buildPromptMessages, OPENAI_PROMPT_VERSION } from './openai-prompt.ts';
import {
  type Citation,
  type Draft,
  type DraftContent,
  DraftContentSchema,
  type DraftInput,
} from './types.ts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_TIMEOUT_MS = 15_000;
export const DEFAULT_OPENAI_MAX_RETRIES = 2;
/** Upper bound on retries, whatever the configuration says. */
export const MAX_OPENAI_RETRIES = 5;

export type OpenAiDrafterOptions = {
  apiKey: string;
  /** e.g. `http://localhost:8080/v1`; defaults to the OpenAI API. */
  baseUrl?: string | undefined;
  model: string;
  /** Per attempt, in milliseconds. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt (0..5). */
  maxRetries?: number | undefined;
  fetch?: typeof fetch | undefined;
};

/** The `response_format` sent with every request: strict JSON schema named `draft_reply`. */
export const DRAFT_RESPONSE_FORMAT = zodResponseFormat(DraftContentSchema, 'draft_reply');

export type DraftProviderErrorCode =
  | 'timeout'
  | 'connection'
  | 'http'
  | 'aborted'
  | 'refusal'
  | 'truncated'
  | 'malformed_output'
  | 'schema_violation'
  | 'ungrounded_citation';

/** The OpenAI-compatible provider could not produce a valid draft. */
export class DraftProviderError extends Error {
  override readonly name = 'DraftProviderError';
  readonly provider = 'openai' as const;
  readonly code: DraftProviderErrorCode;
  /** HTTP status for `http` errors. */
  readonly status: number | undefined;

  constructor(
    code: DraftProviderErrorCode,
    message: string,
    options: { status?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function requestError(error: unknown): DraftProviderError {
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new DraftProviderError('timeout', 'the drafting model did not answer in time', { cause: error });
  if (error instanceof OpenAI.APIUserAbortError)
    return new DraftProviderError('aborted', 'the drafting request was aborted', { cause: error });
  if (error instanceof OpenAI.APIConnectionError)
    return new DraftProviderError('connection', 'could not reach the drafting model', { cause: error });
  if (error instanceof OpenAI.APIError)
    return new DraftProviderError('http', `the drafting model answered HTTP ${error.status ?? 'error'}`, {
      status: error.status,
      cause: error,
    });
  return new DraftProviderError('connection', 'the drafting request failed', { cause: error });
}

/** Citations whose id is not a sku, policy id or FAQ index of this workspace's context. */
export function unknownCitations(context: BusinessContext, citations: readonly Citation[]): Citation[] {
  const known = {
    catalog: new Set(context.catalog.map((item) => item.sku)),
    policy: new Set(context.policies.map((policy) => policy.id)),
    faq: new Set(context.faqs.map((_, index) => String(index))),
  };
  return citations.filter((citation) => !known[citation.kind].has(citation.id));
}

/** Parses and validates the model's answer; throws DraftProviderError when it cannot be used. */
export function parseDraftContent(content: string, context: BusinessContext): DraftContent {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new DraftProviderError('malformed_output', 'the drafting model did not answer with JSON', {
      cause: error,
    });
  }
  const parsed = DraftContentSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new DraftProviderError('schema_violation', `the drafting model's answer is invalid: ${issues}`, {
      cause: parsed.error,
    });
  }
  const unknown = unknownCitations(context, parsed.data.citations);
  if (unknown.length > 0) {
    const ids = unknown.map((citation) => `${citation.kind}:${citation.id}`).join(', ');
    throw new DraftProviderError(
      'ungrounded_citation',
      `the draft cites facts the workspace does not have: ${ids}`,
    );
  }
  const { needsHuman, needsHumanReason } = parsed.data;
  return {
    ...parsed.data,
    needsHumanReason: needsHuman ? needsHumanReason || 'the drafting model asked for a person' : null,
  };
}

function bounded(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** A drafter backed by an OpenAI-compatible Chat Completions API. */
export function openAiDrafter(options: OpenAiDrafterOptions): Drafter {
  if (!options.apiKey) throw new TypeError('openAiDrafter: apiKey is required');
  if (!options.model) throw new TypeError('openAiDrafter: model is required');
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit, so the client never falls back to OPENAI_* variables of its own.
    baseURL: options.baseUrl || OPENAI_DEFAULT_BASE_URL,
    organization: null,
    project: null,
    timeout: bounded(options.timeoutMs, DEFAULT_OPENAI_TIMEOUT_MS, 1, 10 * 60_000),
    maxRetries: bounded(options.maxRetries, DEFAULT_OPENAI_MAX_RETRIES, 0, MAX_OPENAI_RETRIES),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const model = options.model;

  return {
    async draft(input: DraftInput): Promise<Draft> {
      const started = performance.now();
      let completion: OpenAI.Chat.ChatCompletion;
      try {
        completion = await client.chat.completions.create({
          model,
          messages: buildPromptMessages(input),
          response_format: DRAFT_RESPONSE_FORMAT,
          temperature: 0.2,
        });
      } catch (error) {
        throw requestError(error);
      }
      const choice = completion.choices?.[0];
      const message = choice?.message;
      if (message?.refusal)
        throw new DraftProviderError('refusal', `the drafting model refused: ${message.refusal}`);
      if (choice?.finish_reason === 'length')
        throw new DraftProviderError('truncated', 'the drafting model’s answer was cut off');
      if (typeof message?.content !== 'string' || message.content.trim() === '')
        throw new DraftProviderError('malformed_output', 'the drafting model returned no content');
      const content = parseDraftContent(message.content, input.context);
      return {
        ...content,
        text: fitToChannel(content.text, input.channel),
        provider: 'openai',
        model,
        promptVersion: OPENAI_PROMPT_VERSION,
        timingMs: round2(performance.now() - started),
      };
    },
  };
}
