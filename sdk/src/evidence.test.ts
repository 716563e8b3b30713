import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type EvidenceRecord, verifyEvidenceChain } from './evidence.ts';

// An independent rendering of RFC 8785 for these flat records: keys sorted, no spaces.
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function chain(length: number, contentOf = (seq: number) => `hello ${seq}`): EvidenceRecord[] {
  const records: EvidenceRecord[] = [];
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= length; seq += 1) {
    const body = {
      seq,
      type: 'message.received' as const,
      workspace_id: 'ws_01JTESTWORKSPACE0000000000',
      conversation_id: 'cnv_1',
      message_id: `msg_${seq}`,
      draft_id: null,
      provider_message_id: `wamid.${seq}`,
      content_sha256: createHash('sha256').update(contentOf(seq)).digest('hex'),
      actor: 'customer',
      data: { channel: 'whatsapp', surface: 'whatsapp' },
      created_at: new Date(Date.UTC(2026, 10, 25, 12, 0, seq)).toISOString(),
    };
    const hash = createHash('sha256')
      .update(prev + canonical(body))
      .digest('hex');
    records.push({ ...body, prev_hash: prev, hash });
    prev = hash;
  }
  return records;
}

describe('verifyEvidenceChain', () => {
  it('accepts an intact chain and names its head', async () => {
    const records = chain(4);
    expect(await verifyEvidenceChain(records)).toEqual({
      valid: true,
      length: 4,
      head_hash: records[3]?.hash,
      first_bad_seq: null,
    });
    expect(await verifyEvidenceChain([])).toEqual({
      valid: true,
      length: 0,
      head_hash: null,
      first_bad_seq: null,
    });
  });

  it('points at the first record that was edited, removed or reordered', async () => {
    const edited = chain(4);
    const third = edited[2];
    if (!third) throw new Error('no third record');
    third.data = { ...third.data, channel: 'instagram' };
    expect((await verifyEvidenceChain(edited)).first_bad_seq).toBe(3);

    const removed = chain(4);
    removed.splice(1, 1);
    expect((await verifyEvidenceChain(removed)).first_bad_seq).toBe(3);

    const relinked = chain(3);
    const second = relinked[1];
    if (!second) throw new Error('no second record');
    second.prev_hash = 'f'.repeat(64);
    expect(await verifyEvidenceChain(relinked)).toMatchObject({ valid: false, first_bad_seq: 2 });
  });

  it('with a checkpoint, catches records cut off the end and a chain recomputed after an edit', async () => {
    const records = chain(5);
    const pinned = await verifyEvidenceChain(records.slice(0, 3));
    const checkpoint = { length: pinned.length, head_hash: pinned.head_hash };

    // Later exports that grew from the checkpoint pass; links alone also pass a cut-off export.
    expect(await verifyEvidenceChain(records, checkpoint)).toMatchObject({ valid: true, length: 5 });
    expect(await verifyEvidenceChain(records.slice(0, 3), checkpoint)).toMatchObject({ valid: true });
    expect((await verifyEvidenceChain(records.slice(0, 2))).valid).toBe(true);

    expect(await verifyEvidenceChain(records.slice(0, 2), checkpoint)).toEqual({
      valid: false,
      length: 2,
      head_hash: records[1]?.hash,
      first_bad_seq: 3,
    });
    expect(await verifyEvidenceChain([], checkpoint)).toMatchObject({ valid: false, first_bad_seq: 1 });

    // The second record edited and every hash after it recomputed: the links check out, the pin does not.
    const rewritten = chain(5, (seq) => (seq === 2 ? 'edited' : `hello ${seq}`));
    expect((await verifyEvidenceChain(rewritten)).valid).toBe(true);
    expect(await verifyEvidenceChain(rewritten, checkpoint)).toMatchObject({
      valid: false,
      first_bad_seq: 3,
    });
    expect(await verifyEvidenceChain(rewritten, { length: 0, head_hash: null })).toMatchObject({
      valid: true,
    });
  });

  it('refuses a checkpoint that describes no possible chain', async () => {
    const records = chain(2);
    for (const checkpoint of [
      { length: -1, head_hash: null },
      { length: Number.NaN, head_hash: null },
      { length: 1.5, head_hash: records[0]?.hash ?? '' },
      { length: 0, head_hash: 'ab' },
      { length: 2, head_hash: null },
      { length: 2, head_hash: 'not-a-hash' },
    ]) {
      await expect(verifyEvidenceChain(records, checkpoint)).rejects.toThrow(TypeError);
    }
  });
});
