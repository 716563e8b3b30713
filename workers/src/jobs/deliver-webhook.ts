import { type AttemptResult, attemptDelivery, type DispatchDeps } from '@laras/core/dispatch';

/** One delivery attempt at the worker's clock; the outcome is recorded by core, never thrown. */
export async function deliverWebhook(
  deps: DispatchDeps & { now: () => Date },
  ref: { partnerId: string; deliveryId: string },
): Promise<AttemptResult> {
  const result = await attemptDelivery(deps, ref, deps.now());
  if (result.status === 'failed') {
    deps.logger?.warn(
      { category: 'webhook', deliveryId: ref.deliveryId, attempts: result.attempt },
      'webhook delivery failed after its last attempt',
    );
  }
  return result;
}
