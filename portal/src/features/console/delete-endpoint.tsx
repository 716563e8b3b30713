import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useDeleteWebhookEndpoint } from './console-queries.ts';

/**
 * Deleting an endpoint asks first: per the spec nothing more is delivered to it and its delivery
 * history goes with it, so there is no undo. On success the list is read again and the row is gone.
 */
export function DeleteEndpoint({ endpointId, onClose }: { endpointId: string; onClose: () => void }) {
  const remove = useDeleteWebhookEndpoint();
  return (
    <div className="confirm">
      <p>
        Delete this endpoint? Nothing more is delivered to it, and its delivery history is removed. This
        cannot be undone.
      </p>
      <button
        type="button"
        className="danger"
        disabled={remove.isPending}
        onClick={() => remove.mutate(endpointId)}
      >
        {remove.isPending ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button type="button" className="secondary" disabled={remove.isPending} onClick={onClose}>
        Cancel
      </button>
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
    </div>
  );
}
