import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../layout/error-alert.tsx';
import { useCreateWorkspace, useWorkspaceStatus, useWorkspaces, type Workspace } from './console-queries.ts';
import { ListError } from './list-error.tsx';
import { LoadMore } from './load-more.tsx';
import { itemsOf, type Noun } from './paged-list.ts';
import { connectionsLabel, lastActivity, pendingLabel } from './workspace-status.ts';

const WORKSPACES: Noun = { one: 'workspace', many: 'workspaces' };

/** A row reads its own status once, when it first shows: loading more rows leaves shown ones be. */
function WorkspaceRow({ workspace }: { workspace: Workspace }) {
  const status = useWorkspaceStatus(workspace.id);
  const last = status.data ? lastActivity(status.data.conversations.data) : null;
  return (
    <li className="card" data-testid="workspace-row">
      <h3>{workspace.name}</h3>
      <p className="hint">
        {workspace.id}
        {workspace.external_id ? ` · external id ${workspace.external_id}` : ''}
      </p>
      {status.isPending ? <p className="hint">Loading status…</p> : null}
      {status.isError ? <ErrorAlert error={status.error} /> : null}
      {status.data ? (
        <p data-testid="workspace-status">
          {connectionsLabel(status.data.connections.data, status.data.connections.has_more)} ·{' '}
          {pendingLabel(status.data.drafts.data.length, status.data.drafts.has_more)} ·{' '}
          {last ? `last activity ${new Date(last).toLocaleString()}` : 'no activity yet'}
        </p>
      ) : null}
    </li>
  );
}

/** The partner's workspaces, each at a glance, a page at a time, and a form to create one. */
export function WorkspacesPage() {
  const workspaces = useWorkspaces();
  const items = itemsOf(workspaces.data?.pages ?? []);
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const [externalId, setExternalId] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = externalId.trim()
      ? { name: name.trim(), external_id: externalId.trim() }
      : { name: name.trim() };
    create.mutate(input, {
      onSuccess: () => {
        setName('');
        setExternalId('');
      },
    });
  }

  return (
    <section aria-labelledby="workspaces-title">
      <h1 id="workspaces-title">Workspaces</h1>
      <form className="card settings-form" onSubmit={submit} aria-label="Create a workspace">
        <h2>Create a workspace</h2>
        <label>
          Name
          <input
            name="name"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          External id (optional)
          <input
            name="external_id"
            maxLength={200}
            value={externalId}
            onChange={(e) => setExternalId(e.target.value)}
          />
        </label>
        {create.isError ? <ErrorAlert error={create.error} /> : null}
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create workspace'}
        </button>
      </form>
      {workspaces.isPending ? <p className="page-status">Loading…</p> : null}
      <ListError list={workspaces} />
      {workspaces.data && items.length === 0 ? <p>No workspaces yet.</p> : null}
      <ul className="tiles console-list">
        {items.map((workspace) => (
          <WorkspaceRow key={workspace.id} workspace={workspace} />
        ))}
      </ul>
      <LoadMore list={workspaces} shown={items.length} noun={WORKSPACES} />
    </section>
  );
}
