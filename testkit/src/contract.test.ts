import { describe, expect, it } from 'vitest';
import { eventProblems } from './contract.ts';

const approved = {
  id: 'evt_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  type: 'draft.approved',
  created_at: '2026-12-02T04:00:00.000Z',
  workspace_id: 'ws_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
  data: { draft_id: 'drf_1', conversation_id: 'conv_1', edited: false },
};

describe('eventProblems', () => {
  it('accepts an event the catalog describes, and a partner event without a workspace', () => {
    expect(eventProblems(approved)).toEqual([]);
    expect(
      eventProblems({
        ...approved,
        type: 'webhook_endpoint.disabled',
        workspace_id: null,
        data: {
          endpoint_id: 'whep_1',
          url: 'https://hooks.example/laras',
          failing_since: '2026-11-27T04:00:00.000Z',
          disabled_at: '2026-12-02T04:00:00.000Z',
        },
      }),
    ).toEqual([]);
  });

  it("refuses data that is not its type's: missing, extra or mistyped fields", () => {
    expect(eventProblems({ ...approved, data: { draft_id: 'drf_1' } })).not.toEqual([]);
    expect(eventProblems({ ...approved, data: { ...approved.data, text: 'hello' } })).not.toEqual([]);
    expect(eventProblems({ ...approved, data: { ...approved.data, edited: 'no' } })).not.toEqual([]);
    // The data of another type does not pass under this one.
    expect(
      eventProblems({ ...approved, data: { draft_id: 'drf_1', conversation_id: 'conv_1' } }),
    ).not.toEqual([]);
  });

  it('refuses an unknown type and a broken envelope', () => {
    expect(eventProblems({ ...approved, type: 'draft.deleted' })).not.toEqual([]);
    expect(eventProblems({ ...approved, created_at: 'yesterday' })).not.toEqual([]);
    const { workspace_id: _, ...withoutWorkspace } = approved;
    expect(eventProblems(withoutWorkspace)).not.toEqual([]);
  });
});
