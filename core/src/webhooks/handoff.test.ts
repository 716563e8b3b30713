import { describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import {
  announceStoredDeliveries,
  MAX_ANNOUNCED_IDS,
  parseAnnouncement,
  storedDeliveriesChannel,
} from './handoff.ts';

function recordingRedis(fail?: Error) {
  const published: Array<{ channel: string; ids: string[] }> = [];
  return {
    published,
    publish: (channel: string, message: string) => {
      published.push({ channel, ids: JSON.parse(message) });
      return fail ? Promise.reject(fail) : Promise.resolve(1);
    },
  };
}

describe('stored delivery announcements', () => {
  it('is heard only within its own Redis prefix', () => {
    expect(storedDeliveriesChannel('laras:')).toBe('laras:webhook-events:stored');
    expect(storedDeliveriesChannel('laras_test:ab12:')).not.toBe(storedDeliveriesChannel('laras:'));
  });

  it('round-trips the ids of a batch', () => {
    const ids = [newId('webhookEvent'), newId('webhookEvent')];
    const redis = recordingRedis();
    announceStoredDeliveries(redis, 'c', ids, () => undefined);
    expect(redis.published).toEqual([{ channel: 'c', ids }]);
    expect(parseAnnouncement(JSON.stringify(ids))).toEqual(ids);
  });

  it('publishes nothing for a batch with no new delivery', () => {
    const redis = recordingRedis();
    announceStoredDeliveries(redis, 'c', [], () => undefined);
    expect(redis.published).toEqual([]);
  });

  it('splits a batch larger than one announcement may carry', () => {
    const ids = Array.from({ length: MAX_ANNOUNCED_IDS + 3 }, () => newId('webhookEvent'));
    const redis = recordingRedis();
    announceStoredDeliveries(redis, 'c', ids, () => undefined);
    expect(redis.published.map((p) => p.ids.length)).toEqual([MAX_ANNOUNCED_IDS, 3]);
    expect(redis.published.flatMap((p) => p.ids)).toEqual(ids);
    for (const { ids: chunk } of redis.published)
      expect(parseAnnouncement(JSON.stringify(chunk))).toEqual(chunk);
  });

  it('hands a failed publish to onError instead of throwing', async () => {
    const failure = new Error('Connection is closed.');
    const errors: unknown[] = [];
    const redis = recordingRedis(failure);
    const reported = new Promise<void>((resolve) => {
      announceStoredDeliveries(redis, 'c', [newId('webhookEvent')], (error) => {
        errors.push(error);
        resolve();
      });
    });
    await reported;
    expect(errors).toEqual([failure]);
  });

  it.each([
    ['not JSON', '{'],
    ['an object', JSON.stringify({ ids: [newId('webhookEvent')] })],
    ['another kind of id', JSON.stringify([newId('message')])],
    ['an id with a tail', JSON.stringify([`${newId('webhookEvent')}x`])],
    ['a number', JSON.stringify([42])],
    [
      'too many ids',
      JSON.stringify(Array.from({ length: MAX_ANNOUNCED_IDS + 1 }, () => newId('webhookEvent'))),
    ],
  ])('ignores a message that is %s', (_, message) => {
    expect(parseAnnouncement(message)).toBeNull();
  });
});
