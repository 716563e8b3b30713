import { useState } from 'react';

/** A secret shown once, right after it was created, with a copy button. */
export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="banner banner-success secret-once" role="status" data-testid="secret-once">
      <p>
        <strong>{label}</strong> Copy it now: you won't see it again.
      </p>
      <p>
        <code data-testid="secret-value">{secret}</code>
      </p>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
