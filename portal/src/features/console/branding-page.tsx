import { type CSSProperties, type FormEvent, useEffect, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { brandVariables } from '../../theme/brand.ts';
import {
  type BrandingForm,
  brandingForm,
  brandingProblems,
  brandingUpdate,
  isSavedForm,
  previewBrand,
} from './branding-form.ts';
import { useConsoleBranding, useUpdateBranding } from './console-queries.ts';

const FIELDS: Array<[keyof BrandingForm, string, string]> = [
  ['displayName', 'Display name', 'text'],
  ['logoUrl', 'Logo URL', 'url'],
  ['primaryColor', 'Primary colour', 'text'],
  ['supportEmail', 'Support email', 'email'],
];

/** How the portal will look with this brand, drawn with the portal's own colour rules. */
function BrandPreview({ form }: { form: BrandingForm }) {
  const brand = previewBrand(form);
  const style = brandVariables(brand) as CSSProperties;
  return (
    <section className="card" style={style} data-testid="brand-preview" aria-label="Preview">
      <p className="brand-mark">
        {brand.logo_url ? <img src={brand.logo_url} alt="" className="brand-logo" /> : null}
        <span data-testid="preview-name">{brand.display_name}</span>
      </p>
      <p style={{ color: 'var(--brand-accent-text)' }}>Links and highlights look like this.</p>
      <button
        type="button"
        data-testid="preview-button"
        style={{ background: 'var(--brand-primary)', color: 'var(--brand-on-primary)' }}
      >
        A button
      </button>
      {brand.support_email ? <p className="hint">Need help? {brand.support_email}</p> : null}
    </section>
  );
}

/** The partner's brand: edit it with a live preview; saving changes the portal and the console. */
export function BrandingPage() {
  const branding = useConsoleBranding();
  const update = useUpdateBranding();
  const [form, setForm] = useState<BrandingForm | null>(null);

  useEffect(() => {
    if (branding.data && form === null) setForm(brandingForm(branding.data));
  }, [branding.data, form]);

  if (branding.isPending || form === null) {
    return branding.isError ? <ErrorAlert error={branding.error} /> : <p className="page-status">Loading…</p>;
  }
  const problems = brandingProblems(form);
  const current = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (Object.keys(problems).length > 0) return;
    update.mutate(brandingUpdate(current));
  }

  return (
    <section aria-labelledby="branding-title">
      <h1 id="branding-title">Branding</h1>
      <div className="field-grid">
        <form className="card settings-form" onSubmit={submit} aria-label="Brand">
          {FIELDS.map(([field, label, type]) => (
            <label key={field}>
              {label}
              <input
                name={field}
                type={type}
                value={current[field]}
                onChange={(e) => setForm({ ...current, [field]: e.target.value })}
              />
              {problems[field] ? <span className="error">{problems[field]}</span> : null}
            </label>
          ))}
          {update.isError ? <ErrorAlert error={update.error} /> : null}
          {update.isSuccess && isSavedForm(current, update.variables) ? <p role="status">Saved.</p> : null}
          <button type="submit" disabled={update.isPending || Object.keys(problems).length > 0}>
            {update.isPending ? 'Saving…' : 'Save brand'}
          </button>
        </form>
        <BrandPreview form={current} />
      </div>
    </section>
  );
}
