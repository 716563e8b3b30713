import type { components } from '@laras/openapi';
import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../events/index.ts';

/** The spec's event catalog and ours are the same list (a drift fails the type check). */
type SpecEventType = components['schemas']['EventType'];
const sameCatalog: [SpecEventType, EventType] extends [EventType, SpecEventType] ? true : never = true;
void sameCatalog;

export type WebhookEndpoint = {
  id: string;
  partnerId: string;
  url: string;
  description: string;
  /** null: every event type. */
  eventTypes: EventType[] | null;
  disabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** An endpoint as created or rotated: the only time its secret leaves the vault for the partner. */
export type WebhookEndpointWithSecret = WebhookEndpoint & { secret: string };

export type WebhookAttempt = {
  id: string;
  endpointId: string;
  deliveryId: string;
  eventId: string;
  eventType: EventType;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  attemptedAt: Date;
  nextAttemptAt: Date | null;
};

const EventTypeSchema = z.enum(EVENT_TYPES);
const EventTypesSchema = z
  .array(EventTypeSchema)
  .min(1)
  .max(50)
  .transform((types) => [...new Set(types)]);

export const CreateWebhookEndpointInputSchema = z.strictObject({
  url: z.string().min(1).max(2048),
  event_types: EventTypesSchema.optional(),
  description: z.string().max(500).optional(),
});
export type CreateWebhookEndpointInput = z.infer<typeof CreateWebhookEndpointInputSchema>;

export const UpdateWebhookEndpointInputSchema = z
  .strictObject({
    url: z.string().min(1).max(2048).optional(),
    event_types: EventTypesSchema.nullable().optional(),
    description: z.string().max(500).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'give at least one field to change' });
export type UpdateWebhookEndpointInput = z.infer<typeof UpdateWebhookEndpointInputSchema>;

export const ListWebhookQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListWebhookQuery = z.infer<typeof ListWebhookQuerySchema>;

export const ListWebhookAttemptsQuerySchema = ListWebhookQuerySchema.extend({
  event_id: z.string().min(1).max(64).optional(),
});
export type ListWebhookAttemptsQuery = z.infer<typeof ListWebhookAttemptsQuerySchema>;

export const RecoverWebhookEndpointInputSchema = z.strictObject({
  since: z.iso.datetime({
    offset: true,
    message: 'since must be an ISO 8601 time such as 2026-01-31T00:00:00Z',
  }),
});
export type RecoverWebhookEndpointInput = z.infer<typeof RecoverWebhookEndpointInputSchema>;
