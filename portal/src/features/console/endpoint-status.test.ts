import { describe, expect, it } from 'vitest';
import { disabledText, endpointStatus, requeuedText } from './endpoint-status.ts';

const healthy = {
  disabled: false,
  disabled_reason: null,
  failing_since: null,
  previous_secret_expires_at: null,
};
const now = new Date('2026-12-02T10:00:00Z');
const iso = (value: string) => `<${value}>`;

describe('disabledText', () => {
  it('says why an endpoint is disabled', () => {
    expect(disabledText('failing_for_5_days')).toBe('Disabled after failing for 5 days');
    expect(disabledText('manual')).toBe('Disabled manually');
    expect(disabledText('something_new')).toBe('Disabled (something_new)');
    expect(disabledText(null)).toBe('Disabled');
  });
});

describe('endpointStatus', () => {
  it('is "Active" for a healthy endpoint', () => {
    expect(endpointStatus(healthy, now, iso)).toBe('Active');
  });

  it('adds the failure streak and the disabled reason', () => {
    expect(
      endpointStatus(
        {
          ...healthy,
          disabled: true,
          disabled_reason: 'failing_for_5_days',
          failing_since: '2026-11-27T09:00:00Z',
        },
        now,
        iso,
      ),
    ).toBe('Disabled after failing for 5 days · Failing since <2026-11-27T09:00:00Z>');
  });

  it('shows the previous secret only while it still signs', () => {
    const rotated = { ...healthy, previous_secret_expires_at: '2026-12-03T09:00:00Z' };
    expect(endpointStatus(rotated, now, iso)).toBe(
      'Active · Previous secret valid until <2026-12-03T09:00:00Z>',
    );
    expect(endpointStatus(rotated, new Date('2026-12-03T09:00:01Z'), iso)).toBe('Active');
  });
});

describe('requeuedText', () => {
  it('counts the deliveries queued again', () => {
    expect(requeuedText(0)).toBe('Nothing failed since then: no delivery queued.');
    expect(requeuedText(1)).toBe('1 failed delivery queued again.');
    expect(requeuedText(3)).toBe('3 failed deliveries queued again.');
  });
});
