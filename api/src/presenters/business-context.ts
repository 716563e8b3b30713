import type { BusinessContext } from '@laras/core/business-context';
import type { components } from '@laras/openapi';

export function presentBusinessContext(context: BusinessContext): components['schemas']['BusinessContext'] {
  return {
    workspace_id: context.workspaceId,
    business: context.business,
    catalog: context.catalog,
    policies: context.policies,
    faqs: context.faqs,
    updated_at: context.updatedAt?.toISOString() ?? null,
  };
}
