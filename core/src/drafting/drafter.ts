/*
 * The drafter interface and the choice between providers: the OpenAI-compatible provider when a model
 * is configured, otherwise the built-in offline drafter.
 */
import { draftReply } from './builtin-drafter.ts';
import { type OpenAiDrafterOptions, openAiDrafter } from './openai-drafter.ts';
import type { Draft, DraftInput } from './types.ts';

/** Drafts a reply for one conversation from one workspace's business context. */
export type Drafter = { draft(input: DraftInput): Promise<Draft> };

/** The offline grounded drafter (wraps the synchronous `draftReply`). */
export function builtinDrafter(): Drafter {
  return {
    draft: async (input) => draftReply(input),
  };
}

export type DrafterOptions = {
  /** Configure to draft with an OpenAI-compatible model; leave undefined for the built-in drafter. */
  openAi?: OpenAiDrafterOptions | undefined;
};

/** The OpenAI-compatible drafter when `openAi` is given, else the built-in drafter. */
export function createDrafter(options: DrafterOptions = {}): Drafter {
  return options.openAi ? openAiDrafter(options.openAi) : builtinDrafter();
}

/**
 * Reads `OPENAI_API_KEY`, `OPENAI_BASE_URL` and `LARAS_DRAFT_MODEL` from an environment record (pass
 * `process.env`). Returns undefined when neither the key nor the model is set (built-in drafter);
 * throws when only one of them is set, since that is a half-done configuration.
 */
export function openAiOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): OpenAiDrafterOptions | undefined {
  const apiKey = env.OPENAI_API_KEY?.trim() || undefined;
  const model = env.LARAS_DRAFT_MODEL?.trim() || undefined;
  if (!apiKey && !model) return undefined;
  if (!apiKey) throw new Error('LARAS_DRAFT_MODEL is set but OPENAI_API_KEY is not');
  if (!model) throw new Error('OPENAI_API_KEY is set but LARAS_DRAFT_MODEL is not');
  const baseUrl = env.OPENAI_BASE_URL?.trim() || undefined;
  return { apiKey, model, ...(baseUrl ? { baseUrl } : {}) };
}
