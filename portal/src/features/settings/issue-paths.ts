/**
 * The API names a field problem by its path in the request (`catalog[1].sku`); the settings forms
 * name it as the person sees it on screen ("Catalog item 2, SKU").
 */

const ROWS: Record<string, { row: string; fields: Record<string, string> }> = {
  catalog: {
    row: 'Catalog item',
    fields: {
      sku: 'SKU',
      name: 'Name',
      description: 'Description',
      'price.amount': 'Price',
      'price.currency': 'Currency',
      available: 'Available',
    },
  },
  policies: { row: 'Policy', fields: { topic: 'Topic', text: 'Policy text', id: 'Id' } },
  faqs: { row: 'Question', fields: { question: 'Question', answer: 'Answer' } },
};

const FIELDS: Record<string, string> = {
  'business.name': 'Business name',
  'business.description': 'Description',
  'business.tone': 'Tone of replies',
  'business.languages': 'Languages',
  always_review_keywords: 'Always-review keywords',
  blocked_phrases: 'Blocked phrases',
  min_confidence: 'Minimum confidence',
};

/** The on-screen name of the field at an API issue path; an unknown path stays as it is. */
export function issueFieldLabel(path: string): string {
  const row = /^(catalog|policies|faqs)\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (row?.[1] && row[2]) {
    const names = ROWS[row[1]];
    if (!names) return path;
    const where = `${names.row} ${Number(row[2]) + 1}`;
    if (!row[3]) return where;
    return `${where}, ${names.fields[row[3]] ?? row[3]}`;
  }
  const field = path.replace(/\[\d+\]$/, '');
  return FIELDS[field] ?? path;
}
