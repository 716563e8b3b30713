import { useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useRotateEndpointSecret } from './console-queries.ts';
import { SecretOnce } from './secret-once.tsx';

/**
 * Rotating an endpoint's signing secret: a confirmation, then the new secret shown once. Per the
 * spec, deliveries carry the old secret's signature too for 24 hours, so receivers can switch over.
 */
export function RotateSecret({ endpointId, onClose }: { endpointId: string; onClose: () => void }) {
  const rotate = useRotateEndpointSecret();
  const [secret, setSecret] = useState<string | null>(null);

  if (secret) {
    return (
      <SecretOnce
        label="The endpoint's new signing secret. The old one keeps working for 24 hours."
        secret={secret}
        onDone={onClose}
      />
    );
  }
  return (
    <div className="confirm">
      <p>
        Rotate the signing secret? For 24 hours deliveries are signed with both the old and the new secret;
        after that only the new one works.
      </p>
      <button
        type="button"
        disabled={rotate.isPending}
        onClick={() => rotate.mutate(endpointId, { onSuccess: (rotated) => setSecret(rotated.secret) })}
      >
        {rotate.isPending ? 'Rotating…' : 'Yes, rotate'}
      </button>
      <button type="button" className="secondary" disabled={rotate.isPending} onClick={onClose}>
        Cancel
      </button>
      {rotate.isError ? <ErrorAlert error={rotate.error} /> : null}
    </div>
  );
}
