import { useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useRotateEndpointSecret } from './console-queries.ts';
import { SecretOnce } from './secret-once.tsx';

/**
 * Rotating an endpoint's signing secret, after a confirmation. The new secret is shown once; per the
 * spec, deliveries carry the old secret's signature too for 24 hours, so receivers can switch over.
 */
export function RotateSecret({ endpointId }: { endpointId: string }) {
  const rotate = useRotateEndpointSecret();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  function confirm() {
    rotate.mutate(endpointId, {
      onSuccess: (rotated) => {
        setSecret(rotated.secret);
        setConfirming(false);
      },
    });
  }

  return (
    <>
      {secret ? (
        <SecretOnce
          label="The endpoint's new signing secret. The old one keeps working for 24 hours."
          secret={secret}
          onDone={() => setSecret(null)}
        />
      ) : null}
      {confirming ? (
        <div className="confirm">
          <p>
            Rotate the signing secret? For 24 hours deliveries are signed with both the old and the new
            secret; after that only the new one works.
          </p>
          <button type="button" disabled={rotate.isPending} onClick={confirm}>
            {rotate.isPending ? 'Rotating…' : 'Yes, rotate'}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Rotate secret
          </button>
        </div>
      )}
      {rotate.isError ? <ErrorAlert error={rotate.error} /> : null}
    </>
  );
}
