import type { BusinessContext } from '../business-context/types.ts';

/**
 * Every piece of free text in a business context, one per line: what a draft may quote (contacts,
 * amounts in policies, product codes) without being flagged.
 */
export function contextText(context: BusinessContext): string {
  return contextPieces(context).join('\n');
}

/** The pieces `contextText` joins: each field of free text on its own. */
export function contextPieces(context: BusinessContext): string[] {
  const { business, catalog, policies, faqs } = context;
  return [
    business.name,
    business.description,
    ...catalog.flatMap((item) => [item.sku, item.name, item.description]),
    ...policies.flatMap((policy) => [policy.id, policy.topic, policy.text]),
    ...faqs.flatMap((faq) => [faq.question, faq.answer]),
  ];
}
