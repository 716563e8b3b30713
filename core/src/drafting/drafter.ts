/*
 * The drafter interface and the choice between providers: the OpenAI-compatible provider when a model
 * is configured, otherwise the built-in offline drafter.
 */
import { draftReply } from './builtin-drafter.ts';
import { type OpenAiDrafterOptions, openAiDrafter } from './openai-drafter.ts';
import { prepareIndex } from './search-index.ts';
import type { Draft, DraftInput } from './types.ts';

/** Drafts a reply for one conversation from one workspace's business context. */
export type Drafter = { draft(input: DraftInput): Promise<Draft> };

/**
 * The offline grounded drafter: the synchronous `draftReply`, once the context's search index is
 * ready (a first build of a large context's index runs in slices, not in one block of CPU).
 */
export function builtinDrafter(): Drafter {
  return {
    draft: async (input) => {
      await prepareIndex(input.context);
      return draftReply(input);
    },
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
