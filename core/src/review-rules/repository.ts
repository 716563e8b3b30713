import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import type { ReviewRules } from './types.ts';

type Row = {
  workspace_id: string;
  auto_send_whatsapp: boolean;
  auto_send_instagram_dm: boolean;
  auto_send_instagram_comment: boolean;
  always_review_keywords: string[];
  blocked_phrases: string[];
  min_confidence: number;
  updated_at: Date;
};

const COLUMNS = [
  'workspace_id',
  'auto_send_whatsapp',
  'auto_send_instagram_dm',
  'auto_send_instagram_comment',
  'always_review_keywords',
  'blocked_phrases',
  'min_confidence',
  'updated_at',
];

function toRules(row: Row): ReviewRules {
  return {
    workspaceId: row.workspace_id,
    autoSend: {
      whatsapp: row.auto_send_whatsapp,
      instagramDm: row.auto_send_instagram_dm,
      instagramComment: row.auto_send_instagram_comment,
    },
    alwaysReviewKeywords: row.always_review_keywords,
    blockedPhrases: row.blocked_phrases,
    minConfidence: Number(row.min_confidence),
    updatedAt: row.updated_at,
  };
}

export async function findReviewRules(tx: TenantTx<WorkspaceScope>): Promise<ReviewRules | undefined> {
  const row: Row | undefined = await tx
    .trx('review_rules')
    .select(COLUMNS)
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId })
    .first();
  return row ? toRules(row) : undefined;
}

export async function upsertReviewRules(
  tx: TenantTx<WorkspaceScope>,
  rules: Omit<ReviewRules, 'workspaceId' | 'updatedAt'>,
): Promise<ReviewRules> {
  const values = {
    auto_send_whatsapp: rules.autoSend.whatsapp,
    auto_send_instagram_dm: rules.autoSend.instagramDm,
    auto_send_instagram_comment: rules.autoSend.instagramComment,
    always_review_keywords: rules.alwaysReviewKeywords,
    blocked_phrases: rules.blockedPhrases,
    min_confidence: rules.minConfidence,
    updated_at: tx.trx.fn.now(),
  };
  const [row] = (await tx
    .trx('review_rules')
    .insert({ workspace_id: tx.scope.workspaceId, partner_id: tx.scope.partnerId, ...values })
    .onConflict('workspace_id')
    .merge(Object.keys(values))
    .returning(COLUMNS)) as Row[];
  if (!row) throw new Error('upsert returned no row');
  return toRules(row);
}
