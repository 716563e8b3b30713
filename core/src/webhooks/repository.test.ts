/**
 * What the repository refuses of the store function's answer. The function itself is tested
 * against PostgreSQL (migrations and service tests); these are the answers it should never give,
 * which the repository must turn into an error rather than a wrong id for some caller.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { insertWebhookEvents, type NewWebhookEvent } from './repository.ts';

type Answer = Array<{ ordinal: number; event_id: string | null; duplicate: boolean }>;

/** A database whose one query answers `rows`. */
const answering = (rows: Answer) => ({ raw: async () => ({ rows }) }) as unknown as Knex;

const rows: NewWebhookEvent[] = [
  { id: 'whe_1', source: 'whatsapp', rawBody: '{"object":"whatsapp_business_account"}' },
  { id: 'whe_2', source: 'whatsapp', rawBody: '{"object":"whatsapp_business_account","n":2}' },
];

describe('insertWebhookEvents', () => {
  it('answers one result per delivery, in order', async () => {
    const db = answering([
      { ordinal: 1, event_id: 'whe_1', duplicate: false },
      { ordinal: 2, event_id: 'whe_0', duplicate: true },
    ]);
    expect(await insertWebhookEvents(db, rows)).toEqual([
      { id: 'whe_1', duplicate: false },
      { id: 'whe_0', duplicate: true },
    ]);
  });

  it('fails when a delivery has no answer', async () => {
    const db = answering([{ ordinal: 1, event_id: 'whe_1', duplicate: false }]);
    await expect(insertWebhookEvents(db, rows)).rejects.toThrow(/returned 1 rows for 2/);
  });

  it('fails when a repeated delivery’s stored row was gone by the time it was looked up', async () => {
    const db = answering([
      { ordinal: 1, event_id: 'whe_1', duplicate: false },
      { ordinal: 2, event_id: null, duplicate: true },
    ]);
    await expect(insertWebhookEvents(db, rows)).rejects.toThrow(/found no row for input 2/);
  });
});
