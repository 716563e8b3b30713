import { describe, expect, it } from 'vitest';
import { customerLabel, deliveryLabel, messageBody, surfaceLabel, windowLabel } from './labels.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('inbox labels', () => {
  it('counts down the 24-hour window in hours, then minutes, then says it closed', () => {
    expect(windowLabel('2026-11-26T06:30:00Z', now)).toBe('18 h left to reply');
    expect(windowLabel('2026-11-25T12:25:30Z', now)).toBe('25 min left to reply');
    expect(windowLabel('2026-11-25T12:00:20Z', now)).toBe('1 min left to reply');
    expect(windowLabel('2026-11-25T11:59:59Z', now)).toBe('Reply window closed');
    expect(windowLabel(null, now)).toBeNull();
  });

  it('names customers by name, then username, then Meta id', () => {
    expect(customerLabel({ name: 'Sari', username: 'sari.k', provider_user_id: '62812' })).toBe('Sari');
    expect(customerLabel({ name: null, username: 'sari.k', provider_user_id: '62812' })).toBe('@sari.k');
    expect(customerLabel({ name: null, username: null, provider_user_id: '62812' })).toBe('62812');
    expect(
      customerLabel({
        name: null,
        username: null,
        provider_user_id: '17841400000000123',
        channel: 'instagram',
      }),
    ).toBe('Instagram user');
    expect(customerLabel({ name: null, username: null, provider_user_id: 'erased:ctc_01' })).toBe(
      'Erased customer',
    );
  });

  it('labels surfaces and text-less messages', () => {
    expect(surfaceLabel('instagram_comment')).toBe('Instagram comment');
    expect(messageBody({ type: 'image', text: null })).toBe('[Photo]');
    expect(messageBody({ type: 'unsupported', text: null })).toBe('[A message this app cannot show]');
    expect(messageBody({ type: 'system', text: null })).toBe('[system]');
    expect(messageBody({ type: 'text', text: 'Hi' })).toBe('Hi');
    expect(messageBody({ type: 'text', text: null })).toBe('[erased]');
  });

  it('says how far an outbound message got, and nothing for customer messages', () => {
    expect(deliveryLabel({ direction: 'outbound', status: 'delivered' })).toBe('Delivered');
    expect(deliveryLabel({ direction: 'outbound', status: 'read' })).toBe('Read');
    expect(deliveryLabel({ direction: 'outbound', status: 'failed' })).toBe('Not delivered');
    expect(deliveryLabel({ direction: 'outbound', status: null })).toBeNull();
    expect(deliveryLabel({ direction: 'inbound', status: null })).toBeNull();
  });
});
