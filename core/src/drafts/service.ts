/**
 * Drafting a reply to a customer message, in a worker: read the thread and the workspace's
 * context, draft (possibly slow: outside any transaction), classify, decide, then store the draft
 * with its evidence in one transaction. Idempotent per message; a draft for an older message is
 * skipped once a newer one exists, and storing a draft supersedes the conversation's waiting ones.
 */
import type { Knex } from 'knex';
import { type BusinessContext, businessContextOf } from '../business-context/index.ts';
import * as conversations from '../conversations/repository.ts';
import type { Conversation, Message } from '../conversations/types.ts';
import { type Page, type WorkspaceScope, withTenant } from '../db/index.ts';
import { builtinDrafter, type Draft, type DraftChannel, type DraftInput } from '../drafting/index.ts';
import { notFound } from '../errors/index.ts';
import { appendEvent } from '../events/index.ts';
import { appendEvidenceBatch, sha256Hex } from '../evidence/index.ts';
import { newId } from '../ids.ts';
import { type ReviewRules, reviewRulesOf } from '../review-rules/index.ts';
import { classifyDraft, decideDraft, prepareContextFacts } from '../safety/index.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import * as repo from './repository.ts';
import { type ListDraftsQuery, REPLYABLE_TYPES, type StoredDraft } from './types.ts';

export type DraftDeps = { db: Knex; draft?: (input: DraftInput) => Promise<Draft> };

const HISTORY = 12;
const NEWER_MESSAGE = 'a newer customer message will be answered instead';
const ERASED = "the customer's data was erased";

export type DraftOutcome =
  | { status: 'drafted'; draft: StoredDraft }
  | { status: 'exists'; draft: StoredDraft }
  | { status: 'skipped'; reason: string };

type DraftRead =
  | { kind: 'exists'; draft: StoredDraft }
  | { kind: 'skip'; reason: string }
  | {
      kind: 'draft';
      message: Message;
      conversation: Conversation;
      history: Message[];
      context: BusinessContext;
      rules: ReviewRules;
    };

/**
 * Everything drafting needs, in one read transaction: the thread, the context and the rules. The
 * reads are issued together where they do not depend on each other, so on a pipelined connection
 * they share a round trip (most jobs need all of them; the others read a little for nothing).
 */
function readForDrafting(deps: DraftDeps, scope: WorkspaceScope, messageId: string): Promise<DraftRead> {
  return withTenant(deps.db, scope, async (tx): Promise<DraftRead> => {
    const [existing, message, context, rules] = await Promise.all([
      repo.findDraftForMessage(tx, messageId),
      conversations.findMessage(tx, messageId),
      // The message, read in this workspace, shows the workspace is there; its row is read only
      // when it never had a context set (its name names the empty one).
      businessContextOf(tx, () => requireWorkspace(tx, scope.workspaceId)),
      reviewRulesOf(tx),
    ]);
    if (existing) return { kind: 'exists', draft: existing };
    if (!message) throw notFound('message');
    if (message.direction !== 'inbound' || !REPLYABLE_TYPES.has(message.type)) {
      return { kind: 'skip', reason: `no reply for a ${message.direction} ${message.type}` };
    }
    const [conversation, history] = await Promise.all([
      conversations.findConversation(tx, message.conversationId),
      conversations.recentMessages(tx, message.conversationId, HISTORY),
    ]);
    if (!conversation) throw notFound('conversation');
    if (message.text === null && conversation.contact.providerUserId.startsWith('erased:')) {
      return { kind: 'skip', reason: ERASED };
    }
    // A reaction, an edit or a deletion after it gets no draft of its own: it does not answer the thread.
    const latestInbound = history
      .filter((m) => m.direction === 'inbound' && REPLYABLE_TYPES.has(m.type))
      .at(-1);
    if (latestInbound && latestInbound.id !== message.id) {
      return { kind: 'skip', reason: NEWER_MESSAGE };
    }
    return { kind: 'draft', message, conversation, history, context, rules };
  });
}

/** The evidence of a waiting draft that left the approval queue for a newer message's draft. */
function supersededRecord(conversationId: string, old: { id: string; messageId: string }, by: string) {
  return {
    type: 'draft.superseded' as const,
    conversationId,
    messageId: old.messageId,
    draftId: old.id,
    actor: 'system',
    data: { superseded_by: by },
  };
}

export async function draftForMessage(
  deps: DraftDeps,
  scope: WorkspaceScope,
  messageId: string,
): Promise<DraftOutcome> {
  const read = await readForDrafting(deps, scope, messageId);
  if (read.kind === 'exists') return { status: 'exists', draft: read.draft };
  if (read.kind === 'skip') return { status: 'skipped', reason: read.reason };
  const { message, conversation, history, context, rules } = read;

  const channel: DraftChannel = conversation.surface;
  const input: DraftInput = {
    context,
    channel,
    messages: history.map((m) => ({ direction: m.direction, text: m.text, type: m.type, sentAt: m.sentAt })),
  };
  const [draft] = await Promise.all([
    (deps.draft ?? builtinDrafter().draft)(input),
    prepareContextFacts(context),
  ]);
  const customerText = message.text ?? '';
  const verdict = classifyDraft({ draft, customerText, context, rules, channel });
  const windowOpen =
    conversation.windowClosesAt === null || conversation.windowClosesAt.getTime() > Date.now();
  const decision = decideDraft({ verdict, draft, rules, surface: channel, customerText, windowOpen });

  return withTenant(deps.db, scope, async (tx): Promise<DraftOutcome> => {
    // Drafting takes time; if the customer wrote again meanwhile, that message's draft (which may
    // already wait in the queue) answers the thread, and this one must not supersede it.
    // Together: one round trip on a pipelined connection.
    const [newer, customer] = await Promise.all([
      repo.hasNewerInbound(tx, conversation.id, messageId, REPLYABLE_TYPES),
      conversations.lockCustomerOf(tx, messageId),
    ]);
    if (newer) return { status: 'skipped', reason: NEWER_MESSAGE };
    // The customer's data was erased while this was drafted: nothing of it is kept.
    if (customer.erased) return { status: 'skipped', reason: ERASED };
    const id = newId('draft');
    // The waiting drafts are superseded and this one stored in one round trip (pipelined); the new
    // one is left out by id, so the two statements may run in either order, and one another run
    // stored for this message meanwhile (the insert then stores nothing) by its message.
    const [superseded, stored] = await Promise.all([
      repo.supersedePending(tx, conversation.id, { except: id, answering: messageId }),
      repo.insertDraft(tx, {
        id,
        conversationId: conversation.id,
        surface: conversation.surface,
        messageId,
        state: decision.action === 'auto_send' ? 'approved' : 'pending_approval',
        text: draft.text,
        language: draft.language,
        intent: draft.intent,
        citations: draft.citations,
        confidence: draft.confidence,
        needsHuman: draft.needsHuman,
        needsHumanReason: draft.needsHumanReason,
        provider: draft.provider,
        model: draft.model,
        promptVersion: draft.promptVersion,
        timingMs: draft.timingMs,
        verdict,
        decision,
        reviewedBy: decision.action === 'auto_send' ? 'auto_rule' : null,
      }),
    ]);
    if (!stored) {
      // Another job drafted this message first; its draft stands, and takes the place of any
      // waiting draft this run superseded meanwhile (one that became visible after that job's).
      const existing = await repo.findDraftForMessage(tx, messageId);
      if (!existing) throw notFound('draft');
      await appendEvidenceBatch(
        tx,
        superseded.map((old) => supersededRecord(conversation.id, old, existing.id)),
      );
      return { status: 'exists', draft: existing };
    }
    const ids = { conversationId: conversation.id, messageId, draftId: id };
    // Together (one round trip when pipelined), and last, so the chain's lock is held only until
    // the commit.
    await Promise.all([
      appendEvent(tx, 'draft.created', {
        draft_id: id,
        conversation_id: conversation.id,
        message_id: messageId,
        state: stored.state,
        decision: decision.action,
      }),
      appendEvidenceBatch(tx, [
        {
          type: 'draft.created',
          ...ids,
          contentSha256: sha256Hex(draft.text),
          actor: `drafter:${draft.provider}`,
          data: { model: draft.model, prompt_version: draft.promptVersion, citations: draft.citations },
        },
        {
          type: 'draft.classified',
          ...ids,
          actor: 'classifier',
          data: { pass: verdict.pass, score: verdict.score, reasons: verdict.reasons.map((r) => r.code) },
        },
        {
          type: 'draft.decided',
          ...ids,
          actor: 'auto_rule',
          data: { action: decision.action, reasons: decision.reasons.map((r) => r.code) },
        },
        // The drafts this one took the place of leave the approval queue with a record too.
        ...superseded.map((old) => supersededRecord(conversation.id, old, id)),
      ]),
    ]);
    return { status: 'drafted', draft: stored };
  });
}

export function listDrafts(
  deps: { db: Knex },
  scope: WorkspaceScope,
  query: ListDraftsQuery,
): Promise<Page<StoredDraft>> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return repo.listDrafts(
      tx,
      { state: query.state, conversationId: query.conversation_id },
      { limit: query.limit, cursor: query.cursor },
    );
  });
}

export function getDraft(deps: { db: Knex }, scope: WorkspaceScope, id: string): Promise<StoredDraft> {
  return withTenant(deps.db, scope, async (tx) => {
    const draft = await repo.findDraft(tx, id);
    if (!draft) throw notFound('draft');
    return draft;
  });
}
