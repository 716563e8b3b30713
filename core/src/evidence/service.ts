import type { Knex } from 'knex';
import { type Page, type WorkspaceScope, withTenant } from '../db/index.ts';
import { invalidRequest } from '../errors/index.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import { verifyChain } from './hash.ts';
import * as repo from './repository.ts';
import type { ChainVerification, EvidenceRecord, ListEvidenceQuery } from './types.ts';

type Deps = { db: Knex };

const CURSOR = /^e1:(\d{1,18})$/;

function encodeCursor(seq: number): string {
  return Buffer.from(`e1:${seq}`, 'utf8').toString('base64url');
}

/** The `seq` a cursor continues after, or null when it is not one this API returned. */
function decodeCursor(cursor: string | undefined): number | null {
  if (!cursor) return 0;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}

/** The workspace's evidence in chain order (oldest first), optionally about one conversation or message. */
export function listEvidence(
  deps: Deps,
  scope: WorkspaceScope,
  query: ListEvidenceQuery,
): Promise<Page<EvidenceRecord>> {
  return withTenant(deps.db, scope, async (tx) => {
    const afterSeq = decodeCursor(query.cursor);
    if (afterSeq === null) {
      await requireWorkspace(tx, scope.workspaceId); // another tenant's workspace stays a 404
      throw invalidRequest([{ path: 'cursor', message: 'cursor is not one this API returned.' }]);
    }
    const rows = await repo.listRecords(
      tx,
      { conversationId: query.conversation_id, messageId: query.message_id },
      { limit: query.limit + 1, afterSeq },
    );
    // A record proves the workspace is this partner's (records are read in the scope and go with
    // their workspace), so only an empty page pays the round trip that tells empty from a 404.
    if (rows.length === 0) await requireWorkspace(tx, scope.workspaceId);
    const hasMore = rows.length > query.limit;
    const data = hasMore ? rows.slice(0, query.limit) : rows;
    const last = data.at(-1);
    return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.seq) : null };
  });
}

const VERIFY_BATCH = 1_000;

/** Recomputes every link and hash of the workspace's chain from the first record. */
export function verifyEvidence(deps: Deps, scope: WorkspaceScope): Promise<ChainVerification> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    const records: EvidenceRecord[] = [];
    for (;;) {
      const batch = await repo.listRecords(
        tx,
        {},
        { limit: VERIFY_BATCH, afterSeq: records.at(-1)?.seq ?? 0 },
      );
      records.push(...batch);
      if (batch.length < VERIFY_BATCH) break;
    }
    return verifyChain(records);
  });
}
