/**
 * Ingest of Meta's webhook deliveries: a delivery whose signature checked out is accepted only if
 * it is UTF-8 JSON with the `object` of its source, then stored raw and durably before Meta gets
 * its 200. Nothing else happens here: parsing and routing to a workspace are the worker's.
 */
import type { Knex } from 'knex';
import { AppError } from '../errors/index.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { type GroupCommitOptions, groupCommit } from './group-commit.ts';
import * as repo from './repository.ts';
import { type StoredWebhookEvent, WEBHOOK_OBJECT, type WebhookSource } from './types.ts';

type Deps = {
  db: Knex;
  logger: Logger;
  /** Told the ids of each committed batch's new deliveries (the hand-off to the workers); must not throw. */
  onStored?: (ids: string[]) => void;
};

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as text, exactly as received; a 400 unless it is a JSON object for this source. */
function acceptedBody(source: WebhookSource, rawBody: Buffer): string {
  const expected = WEBHOOK_OBJECT[source];
  let text: string;
  let parsed: unknown;
  try {
    // Strict decoding keeps the stored text byte-for-byte the signed body.
    text = utf8.decode(rawBody);
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('malformed_json', 'The body is not valid UTF-8 JSON.');
  }
  const object = (parsed as { object?: unknown } | null)?.object;
  if (typeof parsed !== 'object' || Array.isArray(parsed) || object !== expected) {
    throw new AppError('invalid_request', `The body's "object" must be "${expected}".`, { param: 'object' });
  }
  return text;
}

export type WebhookStore = {
  /**
   * Stores one verified delivery durably: it resolves once the batch it joined has committed. The
   * same bytes delivered again are stored once and answer the first delivery's id with
   * `duplicate: true`. If the batch fails, every delivery in it fails with the same error. The
   * body is never logged.
   */
  store: (source: WebhookSource, rawBody: Buffer) => Promise<StoredWebhookEvent>;
};

/**
 * The ingest of one process: deliveries arriving within a couple of milliseconds share one insert
 * and one commit (group commit), since a commit per POST is what limits ingest throughput.
 */
export function createWebhookStore(deps: Deps, options: GroupCommitOptions): WebhookStore {
  const insert = groupCommit(async (rows: repo.NewWebhookEvent[]) => {
    const stored = await repo.insertWebhookEvents(deps.db, rows);
    deps.onStored?.(stored.filter((row) => !row.duplicate).map((row) => row.id));
    return stored;
  }, options);
  return {
    store: async (source, rawBody) => {
      const text = acceptedBody(source, rawBody);
      const stored = await insert({ id: newId('webhookEvent'), source, rawBody: text });
      deps.logger.info(
        { category: 'webhook', webhook_event_id: stored.id, source, duplicate: stored.duplicate },
        'webhook delivery stored',
      );
      return stored;
    },
  };
}
