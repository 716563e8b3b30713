/**
 * The business-context editor's form model: what the API stores, as the strings people edit, and
 * back. Prices are edited in major units and sent as integer minor units (see money.ts).
 */
import type { BusinessContext, BusinessContextInput } from '../../api/queries.ts';
import { fromMinorUnits, toMinorUnits } from './money.ts';

export type CatalogRow = {
  key: number;
  sku: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  available: boolean;
};
export type PolicyRow = { key: number; id: string | null; topic: string; text: string };
export type FaqRow = { key: number; question: string; answer: string };

export type BusinessForm = {
  name: string;
  description: string;
  tone: string;
  /** Language tags as typed, separated by commas or spaces: "id, en". */
  languages: string;
  catalog: CatalogRow[];
  policies: PolicyRow[];
  faqs: FaqRow[];
};

let lastKey = 0;
/** A key that identifies a row across edits (React list keys). */
export function rowKey(): number {
  lastKey += 1;
  return lastKey;
}

export const DEFAULT_CURRENCY = 'IDR';

export function emptyCatalogRow(currency = DEFAULT_CURRENCY): CatalogRow {
  return { key: rowKey(), sku: '', name: '', description: '', price: '', currency, available: true };
}
export function emptyPolicyRow(): PolicyRow {
  return { key: rowKey(), id: null, topic: '', text: '' };
}
export function emptyFaqRow(): FaqRow {
  return { key: rowKey(), question: '', answer: '' };
}

/** The stored context as an editable form. */
export function toForm(context: BusinessContext): BusinessForm {
  return {
    name: context.business.name,
    description: context.business.description,
    tone: context.business.tone,
    languages: context.business.languages.join(', '),
    catalog: context.catalog.map((item) => ({
      key: rowKey(),
      sku: item.sku,
      name: item.name,
      description: item.description,
      price: fromMinorUnits(item.price.amount, item.price.currency),
      currency: item.price.currency,
      available: item.available,
    })),
    policies: context.policies.map((policy) => ({
      key: rowKey(),
      id: policy.id,
      topic: policy.topic,
      text: policy.text,
    })),
    faqs: context.faqs.map((faq) => ({ key: rowKey(), question: faq.question, answer: faq.answer })),
  };
}

export type FormResult = { ok: true; input: BusinessContextInput } | { ok: false; problems: string[] };

/**
 * The form as the request body, or the problems the API could not be told about in its own terms
 * (a price that is not a number). Everything else the API validates and explains itself.
 */
export function toInput(form: BusinessForm): FormResult {
  const problems: string[] = [];
  const catalog = form.catalog.map((row, index) => {
    const currency = row.currency.trim().toUpperCase();
    const amount = toMinorUnits(row.price, currency);
    if (amount === null) {
      problems.push(
        `Catalog item ${index + 1}: enter the price as a plain number in ${currency || 'the currency'}, like 125000 or 12.50.`,
      );
    }
    return {
      sku: row.sku.trim(),
      name: row.name.trim(),
      description: row.description.trim(),
      price: { amount: amount ?? 0, currency },
      available: row.available,
    };
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      business: {
        name: form.name.trim(),
        description: form.description.trim(),
        tone: form.tone.trim(),
        languages: form.languages.split(/[\s,]+/).filter(Boolean),
      },
      catalog,
      policies: form.policies.map((row) => ({
        ...(row.id ? { id: row.id } : {}),
        topic: row.topic.trim(),
        text: row.text.trim(),
      })),
      faqs: form.faqs.map((row) => ({ question: row.question.trim(), answer: row.answer.trim() })),
    },
  };
}
