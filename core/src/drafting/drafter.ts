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
