import { useState } from 'react';
import { errorText } from '../../api/error-text.ts';
import { type Conversation, useEraseContact } from '../../api/queries.ts';
import { useFocusOn } from '../../layout/use-focus-on.ts';
import { customerLabel } from './labels.ts';

/**
 * For a customer who asked to have their data erased: after an explicit confirmation, their
 * messages, name and number and the replies drafted to them are erased in every conversation.
 * Owners only (the API refuses agents too); an erased customer shows as such, with nothing to do.
 */
export function EraseCustomer(props: { workspaceId: string; conversation: Conversation; canErase: boolean }) {
  const erase = useEraseContact(props.workspaceId);
  const [confirming, setConfirming] = useState(false);
  const keepRef = useFocusOn<HTMLButtonElement>(confirming);
  const { contact } = props.conversation;

  if (contact.provider_user_id.startsWith('erased:')) {
    return (
      <p className="hint" data-testid="customer-erased">
        This customer’s data was erased.
      </p>
    );
  }
  if (!props.canErase) return null;
  return (
    <div className="erase-customer">
      {confirming ? (
        <fieldset className="confirm">
          <legend className="visually-hidden">Confirm erasing this customer’s data</legend>
          <p>
            Erase everything of <strong>{customerLabel(contact)}</strong>: their messages, their{' '}
            {contact.channel === 'whatsapp' ? 'name and number' : 'name and username'}, and the replies to
            them, in all their conversations? This cannot be undone.
          </p>
          <button
            type="button"
            className="danger"
            disabled={erase.isPending}
            onClick={() => erase.mutate(contact.id, { onSuccess: () => setConfirming(false) })}
          >
            {erase.isPending ? 'Erasing…' : 'Yes, erase'}
          </button>
          {/* The safe answer takes the focus: the question is read out, and Enter keeps things as they are. */}
          <button type="button" className="secondary" ref={keepRef} onClick={() => setConfirming(false)}>
            Keep
          </button>
        </fieldset>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Erase customer data
        </button>
      )}
      {erase.isError ? (
        <p role="alert" className="error">
          {errorText(erase.error)}
        </p>
      ) : null}
    </div>
  );
}
