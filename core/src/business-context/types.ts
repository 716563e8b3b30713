import type { components } from '@laras/openapi';
import { z } from 'zod';

/** The business context as stored and served: what the AI may say for one workspace. */
export type BusinessDocument = Omit<components['schemas']['BusinessContext'], 'workspace_id' | 'updated_at'>;
export type BusinessContext = BusinessDocument & {
  workspaceId: string;
  updatedAt: Date | null;
  /**
   * Of a stored context: a number new on every write of it (never reused, even within one
   * millisecond), so what is derived from a context may be cached per workspace and revision.
   * Absent on a context never stored (a workspace's empty default, or one built in memory): what is
   * derived from those is cached per object only. Internal: not part of the API's body.
   */
  revision?: number;
};

let knownCurrencies: ReadonlySet<string> | undefined;
/** ISO 4217 codes the runtime knows (computed once). */
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'use letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

const MoneySchema = z.strictObject({
  amount: z
    .number()
    .int('amount is an integer in the currency’s minor unit (e.g. cents)')
    .min(0)
    .max(1_000_000_000_000),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'currency is a three-letter ISO 4217 code such as IDR or USD')
    .refine(isKnownCurrency, { message: 'currency is not a known ISO 4217 code' }),
});

const BusinessProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000),
  tone: z.string().max(200),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a BCP 47 language tag such as en or id'))
    .min(1)
    .max(10),
});

const CatalogItemInputSchema = z.strictObject({
  sku: Slug,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  price: MoneySchema,
  available: z.boolean().default(true),
});

const PolicyInputSchema = z.strictObject({
  id: Slug.optional(),
  topic: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(4000),
});

const FaqSchema = z.strictObject({
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().min(1).max(4000),
});

/** Reports the second and later occurrences of a key, at `<list>[i].<field>`. */
function rejectDuplicates<T>(list: string, field: string, key: (item: T) => string | undefined) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (value === undefined) return;
      if (seen.has(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, field],
          message: `${field} "${value}" appears twice in ${list}`,
        });
      }
      seen.add(value);
    });
  };
}

export const BusinessContextInputSchema = z.strictObject({
  business: BusinessProfileSchema,
  catalog: z
    .array(CatalogItemInputSchema)
    .max(1000)
    .default([])
    .superRefine(rejectDuplicates('catalog', 'sku', (item: { sku: string }) => item.sku)),
  policies: z
    .array(PolicyInputSchema)
    .max(100)
    .default([])
    .superRefine(rejectDuplicates('policies', 'id', (item: { id?: string | undefined }) => item.id)),
  faqs: z.array(FaqSchema).max(200).default([]),
});
export type BusinessContextInput = z.infer<typeof BusinessContextInputSchema>;
