import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import {
  type ApiKey,
  useApiKeys,
  useConsoleSession,
  useCreateApiKey,
  useRevokeApiKey,
} from './console-queries.ts';
import { ListError } from './list-error.tsx';
import { LoadMore } from './load-more.tsx';
import { itemsOf, type Noun } from './paged-list.ts';
import { SecretOnce } from './secret-once.tsx';

const API_KEYS: Noun = { one: 'API key', many: 'API keys' };

function KeyRow({ apiKey, current }: { apiKey: ApiKey; current: boolean }) {
  const revoke = useRevokeApiKey();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid="api-key-row">
      <td>
        {apiKey.name}
        {current ? <span className="hint"> (this console session)</span> : null}
      </td>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>{apiKey.mode}</td>
      <td>{apiKey.last_used_at ? new Date(apiKey.last_used_at).toLocaleString() : 'never'}</td>
      <td>
        {apiKey.revoked_at ? (
          'Revoked'
        ) : confirming ? (
          <span className="confirm">
            {current
              ? 'Revoke? This signs you out of the console, and anything using it stops working.'
              : 'Revoke? Anything using it stops working.'}{' '}
            <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(apiKey.id)}>
              Yes, revoke
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            Revoke
          </button>
        )}
        {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      </td>
    </tr>
  );
}

/**
 * The partner's API keys, a page at a time: create one (its secret is shown once) and revoke with
 * confirmation.
 */
export function ApiKeysPage() {
  const keys = useApiKeys();
  const items = itemsOf(keys.data?.pages ?? []);
  const session = useConsoleSession();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'test' | 'live'>('test');
  const [secret, setSecret] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), mode },
      {
        onSuccess: (created) => {
          setSecret(created.secret);
          setName('');
        },
      },
    );
  }

  return (
    <section aria-labelledby="api-keys-title">
      <h1 id="api-keys-title">API keys</h1>
      {secret ? (
        <SecretOnce label="Your new API key." secret={secret} onDone={() => setSecret(null)} />
      ) : null}
      <form className="card settings-form" onSubmit={submit} aria-label="Create an API key">
        <h2>Create an API key</h2>
        <label>
          Name
          <input
            name="key_name"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          Mode
          <select
            name="mode"
            value={mode}
            onChange={(e) => setMode(e.target.value === 'live' ? 'live' : 'test')}
          >
            <option value="test">Test</option>
            <option value="live">Live</option>
          </select>
        </label>
        {create.isError ? <ErrorAlert error={create.error} /> : null}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {keys.isPending ? <p className="page-status">Loading…</p> : null}
      <ListError list={keys} />
      {keys.data ? (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Mode</th>
              <th>Last used</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {items.map((apiKey) => (
              <KeyRow key={apiKey.id} apiKey={apiKey} current={apiKey.id === session.data?.api_key_id} />
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMore list={keys} shown={items.length} noun={API_KEYS} />
    </section>
  );
}
