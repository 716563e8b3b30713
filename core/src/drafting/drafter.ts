/*
 * The drafter interface and the choice between providers: the OpenAI-compatible provider when a model
 * is configured, otherwise the built-in offline drafter.
 */
import { draftReply } from './builtin-drafter.ts';
import { DraftProviderError, type OpenAiDrafterOptions, openAiDrafter } from './openai-drafter.ts';
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

/**
 * `primary`, or when its model could not produce a draft (`DraftProviderError`: down, refusing,
 * answering out of schema) the built-in drafter's, which then always waits for a person and says
 * why. For the last try of a message's drafting: the customer's message gets a draft to review
 * instead of none (nothing else would ever answer it).
 */
export function withOfflineFallback(primary: Drafter): Drafter {
  const offline = builtinDrafter();
  return {
    draft: async (input) => {
      try {
        return await primary.draft(input);
      } catch (error) {
        if (!(error instanceof DraftProviderError)) throw error;
        const draft = await offline.draft(input);
        return {
          ...draft,
          needsHuman: true,
          needsHumanReason: `The drafting model failed (${error.code}), so this reply was drafted offline for a person to check.`,
        };
      }
    },
  };
}
