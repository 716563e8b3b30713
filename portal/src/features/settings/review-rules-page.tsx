import { useState } from 'react';
import { type ReviewRules, useReplaceReviewRules, useReviewRules } from '../../api/queries.ts';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useCurrentSession } from '../auth/require-session.tsx';
import { surfaceLabel } from '../inbox/labels.ts';
import { issueFieldLabel } from './issue-paths.ts';
import { confidenceToPercent, linesToList, listToLines, percentToConfidence } from './rules-form.ts';

type Surface = keyof ReviewRules['auto_send'];
const SURFACES: Surface[] = ['whatsapp', 'instagram_dm', 'instagram_comment'];

/** Settings -> Review rules: when a drafted reply may go out without a person. */
export function ReviewRulesPage() {
  const session = useCurrentSession();
  const rules = useReviewRules(session.workspace.id);

  return (
    <>
      <h1>Review rules</h1>
      <p className="lead">
        By default every drafted reply waits in Approvals. Turn on automatic sending where you trust the
        assistant; replies that fail the safety check or match a rule below still wait for you.
      </p>
      {rules.isPending ? (
        <p className="page-status">Loading the review rules…</p>
      ) : rules.isError ? (
        <div role="alert" className="error">
          The review rules could not be loaded.{' '}
          <button type="button" className="link" onClick={() => rules.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <RulesEditor
          workspaceId={session.workspace.id}
          initial={rules.data}
          canEdit={session.user.role === 'owner'}
        />
      )}
    </>
  );
}

type Form = { autoSend: ReviewRules['auto_send']; keywords: string; blocked: string; confidence: string };

function toForm(rules: ReviewRules): Form {
  return {
    autoSend: { ...rules.auto_send },
    keywords: listToLines(rules.always_review_keywords),
    blocked: listToLines(rules.blocked_phrases),
    confidence: confidenceToPercent(rules.min_confidence),
  };
}

function RulesEditor(props: { workspaceId: string; initial: ReviewRules; canEdit: boolean }) {
  const save = useReplaceReviewRules(props.workspaceId);
  const [form, setForm] = useState<Form>(() => toForm(props.initial));
  const [dirty, setDirty] = useState(false);
  const confidence = percentToConfidence(form.confidence);

  const change = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
  };

  return (
    <form
      className="settings-form"
      aria-label="Review rules"
      onSubmit={(event) => {
        event.preventDefault();
        if (confidence === null) return;
        save.mutate(
          {
            auto_send: form.autoSend,
            always_review_keywords: linesToList(form.keywords),
            blocked_phrases: linesToList(form.blocked),
            min_confidence: confidence,
          },
          {
            onSuccess: (stored) => {
              setForm(toForm(stored));
              setDirty(false);
            },
          },
        );
      }}
    >
      {props.canEdit ? null : (
        <p className="banner banner-info" role="note">
          Only the workspace owner can change the review rules; you can read them here.
        </p>
      )}
      <fieldset disabled={!props.canEdit} className="plain">
        <section className="card form-section" aria-labelledby="auto-send-heading">
          <h2 id="auto-send-heading">Send automatically</h2>
          {SURFACES.map((surface) => (
            <label key={surface} className="checkbox">
              <input
                type="checkbox"
                checked={form.autoSend[surface]}
                onChange={(e) => change({ autoSend: { ...form.autoSend, [surface]: e.target.checked } })}
              />
              Send safe replies on {surfaceLabel(surface)} without review
            </label>
          ))}
        </section>
        <section className="card form-section" aria-labelledby="always-heading">
          <h2 id="always-heading">Always ask me</h2>
          <label>
            Always-review keywords
            <textarea
              value={form.keywords}
              rows={4}
              aria-describedby="keywords-hint"
              onChange={(e) => change({ keywords: e.target.value })}
            />
          </label>
          <p className="hint" id="keywords-hint">
            One per line. A customer message containing any of them always waits for you.
          </p>
          <label>
            Blocked phrases
            <textarea
              value={form.blocked}
              rows={4}
              aria-describedby="blocked-hint"
              onChange={(e) => change({ blocked: e.target.value })}
            />
          </label>
          <p className="hint" id="blocked-hint">
            One per line. A draft containing any of them is never sent.
          </p>
          <label>
            Minimum confidence (%)
            <input
              type="number"
              min={0}
              max={100}
              step="any"
              value={form.confidence}
              aria-describedby="confidence-hint"
              aria-invalid={confidence === null}
              onChange={(e) => change({ confidence: e.target.value })}
            />
          </label>
          <p className="hint" id="confidence-hint">
            {confidence === null
              ? 'Enter a number from 0 to 100.'
              : 'Drafts the assistant is less sure of than this wait for you.'}
          </p>
        </section>
      </fieldset>
      {save.isError ? (
        <ErrorAlert error={save.error} fieldLabel={issueFieldLabel} testId="save-error" />
      ) : null}
      {props.canEdit ? (
        <div className="actions sticky-actions">
          <button type="submit" disabled={save.isPending || confidence === null}>
            {save.isPending ? 'Saving…' : 'Save review rules'}
          </button>
          {save.isSuccess && !dirty ? (
            <span role="status" className="connected">
              Saved. The rules apply to the next message.
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
