/** The repeating parts of the business context: catalog items, policies and FAQs, one row each. */
import type { ReactNode } from 'react';
import {
  type CatalogRow,
  emptyCatalogRow,
  emptyFaqRow,
  emptyPolicyRow,
  type FaqRow,
  type PolicyRow,
} from './business-form.ts';

type ListProps<Row> = { rows: Row[]; onChange: (rows: Row[]) => void; canEdit: boolean };

function update<Row extends { key: number }>(rows: Row[], key: number, patch: Partial<Row>): Row[] {
  return rows.map((row) => (row.key === key ? { ...row, ...patch } : row));
}

/** One row's frame: its number, its fields, and Remove for owners. */
function RowFrame(props: {
  legend: string;
  testId: string;
  canEdit: boolean;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="row-fields" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.children}
      {props.canEdit ? (
        <button type="button" className="secondary" onClick={props.onRemove}>
          Remove {props.legend.toLowerCase()}
        </button>
      ) : null}
    </fieldset>
  );
}

export function CatalogEditor({ rows, onChange, canEdit }: ListProps<CatalogRow>) {
  return (
    <section className="card form-section" aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Catalog</h2>
      <p className="hint">
        Products and prices the assistant may quote. Prices are in the currency's usual units (125000 for Rp
        125.000).
      </p>
      {rows.length === 0 ? <p className="hint">No items yet.</p> : null}
      {rows.map((row, index) => (
        <RowFrame
          key={row.key}
          legend={`Item ${index + 1}`}
          testId="catalog-row"
          canEdit={canEdit}
          onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
        >
          <div className="field-grid">
            <label>
              SKU
              <input
                value={row.sku}
                maxLength={64}
                onChange={(e) => onChange(update(rows, row.key, { sku: e.target.value }))}
              />
            </label>
            <label>
              Name
              <input
                value={row.name}
                maxLength={200}
                onChange={(e) => onChange(update(rows, row.key, { name: e.target.value }))}
              />
            </label>
            <label>
              Price
              <input
                value={row.price}
                inputMode="decimal"
                onChange={(e) => onChange(update(rows, row.key, { price: e.target.value }))}
              />
            </label>
            <label>
              Currency
              <input
                value={row.currency}
                maxLength={3}
                onChange={(e) => onChange(update(rows, row.key, { currency: e.target.value.toUpperCase() }))}
              />
            </label>
          </div>
          <label>
            Description
            <textarea
              value={row.description}
              maxLength={2000}
              rows={2}
              onChange={(e) => onChange(update(rows, row.key, { description: e.target.value }))}
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={row.available}
              onChange={(e) => onChange(update(rows, row.key, { available: e.target.checked }))}
            />
            Available
          </label>
        </RowFrame>
      ))}
      {canEdit ? (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([...rows, emptyCatalogRow(rows.at(-1)?.currency)])}
        >
          Add catalog item
        </button>
      ) : null}
    </section>
  );
}

export function PolicyEditor({ rows, onChange, canEdit }: ListProps<PolicyRow>) {
  return (
    <section className="card form-section" aria-labelledby="policies-heading">
      <h2 id="policies-heading">Policies</h2>
      <p className="hint">Shipping, returns, opening hours: what the assistant may promise.</p>
      {rows.length === 0 ? <p className="hint">No policies yet.</p> : null}
      {rows.map((row, index) => (
        <RowFrame
          key={row.key}
          legend={`Policy ${index + 1}`}
          testId="policy-row"
          canEdit={canEdit}
          onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
        >
          <label>
            Topic
            <input
              value={row.topic}
              maxLength={100}
              onChange={(e) => onChange(update(rows, row.key, { topic: e.target.value }))}
            />
          </label>
          <label>
            Policy text
            <textarea
              value={row.text}
              maxLength={4000}
              rows={3}
              onChange={(e) => onChange(update(rows, row.key, { text: e.target.value }))}
            />
          </label>
        </RowFrame>
      ))}
      {canEdit ? (
        <button type="button" className="secondary" onClick={() => onChange([...rows, emptyPolicyRow()])}>
          Add policy
        </button>
      ) : null}
    </section>
  );
}

export function FaqEditor({ rows, onChange, canEdit }: ListProps<FaqRow>) {
  return (
    <section className="card form-section" aria-labelledby="faqs-heading">
      <h2 id="faqs-heading">Frequently asked questions</h2>
      {rows.length === 0 ? <p className="hint">No questions yet.</p> : null}
      {rows.map((row, index) => (
        <RowFrame
          key={row.key}
          legend={`Question ${index + 1}`}
          testId="faq-row"
          canEdit={canEdit}
          onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
        >
          <label>
            Question
            <input
              value={row.question}
              maxLength={500}
              onChange={(e) => onChange(update(rows, row.key, { question: e.target.value }))}
            />
          </label>
          <label>
            Answer
            <textarea
              value={row.answer}
              maxLength={4000}
              rows={3}
              onChange={(e) => onChange(update(rows, row.key, { answer: e.target.value }))}
            />
          </label>
        </RowFrame>
      ))}
      {canEdit ? (
        <button type="button" className="secondary" onClick={() => onChange([...rows, emptyFaqRow()])}>
          Add question
        </button>
      ) : null}
    </section>
  );
}
