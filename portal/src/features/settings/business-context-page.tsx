import { useState } from 'react';
import { type BusinessContext, useBusinessContext, useReplaceBusinessContext } from '../../api/queries.ts';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useCurrentSession } from '../auth/require-session.tsx';
import { type BusinessForm, toForm, toInput } from './business-form.ts';
import { CatalogEditor, FaqEditor, PolicyEditor } from './business-lists.tsx';
import { issueFieldLabel } from './issue-paths.ts';

/** Settings -> Business: what the assistant knows and may say. Owners edit it; agents read it. */
export function BusinessContextPage() {
  const session = useCurrentSession();
  const context = useBusinessContext(session.workspace.id);

  return (
    <>
      <h1>Business</h1>
      <p className="lead">
        Drafted replies use only what is here: your business, its catalog and prices, policies and answers to
        common questions.
      </p>
      {context.isPending ? (
        <p className="page-status">Loading the business context…</p>
      ) : context.isError ? (
        <div role="alert" className="error">
          The business context could not be loaded.{' '}
          <button type="button" className="link" onClick={() => context.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <BusinessEditor
          workspaceId={session.workspace.id}
          initial={context.data}
          canEdit={session.user.role === 'owner'}
        />
      )}
    </>
  );
}

function BusinessEditor(props: { workspaceId: string; initial: BusinessContext; canEdit: boolean }) {
  const save = useReplaceBusinessContext(props.workspaceId);
  const [form, setForm] = useState<BusinessForm>(() => toForm(props.initial));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const change = (patch: Partial<BusinessForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
  };

  const submit = () => {
    const result = toInput(form);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    save.mutate(result.input, {
      onSuccess: (stored) => {
        setForm(toForm(stored));
        setDirty(false);
      },
    });
  };

  return (
    <form
      className="settings-form"
      aria-label="Business context"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {props.canEdit ? null : (
        <p className="banner banner-info" role="note">
          Only the workspace owner can change the business context; you can read it here.
        </p>
      )}
      <fieldset disabled={!props.canEdit} className="plain">
        <section className="card form-section" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <label>
            Business name
            <input
              value={form.name}
              maxLength={200}
              required
              onChange={(e) => change({ name: e.target.value })}
            />
          </label>
          <label>
            Description
            <textarea
              value={form.description}
              maxLength={4000}
              rows={3}
              onChange={(e) => change({ description: e.target.value })}
            />
          </label>
          <label>
            Tone of replies
            <input
              value={form.tone}
              maxLength={200}
              placeholder="warm and brief"
              onChange={(e) => change({ tone: e.target.value })}
            />
          </label>
          <label>
            Languages
            <input
              value={form.languages}
              placeholder="id, en"
              aria-describedby="languages-hint"
              onChange={(e) => change({ languages: e.target.value })}
            />
          </label>
          <p className="hint" id="languages-hint">
            Language codes separated by commas, the default first (id for Indonesian, en for English).
          </p>
        </section>
        <CatalogEditor
          rows={form.catalog}
          onChange={(catalog) => change({ catalog })}
          canEdit={props.canEdit}
        />
        <PolicyEditor
          rows={form.policies}
          onChange={(policies) => change({ policies })}
          canEdit={props.canEdit}
        />
        <FaqEditor rows={form.faqs} onChange={(faqs) => change({ faqs })} canEdit={props.canEdit} />
      </fieldset>
      {problems.length > 0 ? (
        <div role="alert" className="error">
          <p>Some prices need fixing before saving:</p>
          <ul className="issues">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {save.isError && problems.length === 0 ? (
        <ErrorAlert error={save.error} fieldLabel={issueFieldLabel} testId="save-error" />
      ) : null}
      {props.canEdit ? (
        <div className="actions sticky-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save business context'}
          </button>
          {save.isSuccess && !dirty ? (
            <span role="status" className="connected">
              Saved. New drafts use it from now on.
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
