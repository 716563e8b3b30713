/**
 * A dry run of the reply pipeline for partners: draft a reply to `text` from the workspace's
 * current business context, classify it, and decide as the current review rules would with the
 * customer-service window open. Nothing is stored and nothing is sent.
 */
import type { Knex } from 'knex';
import { getBusinessContext } from '../business-context/index.ts';
import type { WorkspaceScope } from '../db/index.ts';
import { builtinDrafter, type Draft, type DraftChannel } from '../drafting/index.ts';
import { getReviewRules } from '../review-rules/index.ts';
import {
  classifyDraft,
  type Decision,
  decideDraft,
  prepareContextFacts,
  type Verdict,
} from '../safety/index.ts';

export type DraftPreview = { draft: Draft; verdict: Verdict; decision: Decision };

export async function previewDraft(
  deps: { db: Knex },
  scope: WorkspaceScope,
  input: { text: string; channel: DraftChannel },
): Promise<DraftPreview> {
  const [context, rules] = await Promise.all([getBusinessContext(deps, scope), getReviewRules(deps, scope)]);
  // The context's search index and what the classifier reads of it: worked out in slices when new.
  const [draft] = await Promise.all([
    builtinDrafter().draft({
      context,
      channel: input.channel,
      messages: [{ direction: 'inbound', text: input.text, type: 'text', sentAt: new Date() }],
    }),
    prepareContextFacts(context),
  ]);
  const verdict = classifyDraft({ draft, customerText: input.text, context, rules, channel: input.channel });
  const decision = decideDraft({
    verdict,
    draft,
    rules,
    surface: input.channel,
    customerText: input.text,
    windowOpen: true,
  });
  return { draft, verdict, decision };
}
