import type { Knex } from 'knex';
import { portalBaseUrl } from '../branding/portal-url.ts';
import { findBranding } from '../branding/repository.ts';
import { newSecret } from '../connect-sessions/secrets.ts';
import { type Page, type WorkspaceScope, withTenant } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import { newId } from '../ids.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import { hashPassword } from './password.ts';
import * as repo from './repository.ts';
import type {
  CreatedSignInLink,
  CreateSignInLinkInput,
  CreateUserInput,
  ListUsersQuery,
  SignInLinkPurpose,
  User,
} from './types.ts';

type Deps = { db: Knex };
type LinkDeps = Deps & { publicUrl: string; ttlSeconds: number };

/**
 * Creates a portal user of the scope's workspace; with `password`, it can sign in at once.
 * Works with the app role's knex or the owner's (the demo seed). An email already used by another
 * user of the same partner is a 409 on `email`.
 */
export async function createUser(deps: Deps, scope: WorkspaceScope, input: CreateUserInput): Promise<User> {
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return repo.insertUser(tx, {
      id: newId('user'),
      email: input.email,
      name: input.name ?? null,
      role: input.role,
      passwordHash,
    });
  });
}

export function listUsers(deps: Deps, scope: WorkspaceScope, query: ListUsersQuery): Promise<Page<User>> {
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    return repo.listUsers(tx, { limit: query.limit, cursor: query.cursor });
  });
}

export function getUser(deps: Deps, scope: WorkspaceScope, id: string): Promise<User> {
  return withTenant(deps.db, scope, async (tx) => {
    const user = await repo.findUser(tx, id);
    if (!user) throw notFound('user');
    return user;
  });
}

/** Deletes the user; its sessions and sign-in links go with it, so its cookies stop working at once. */
export function deleteUser(deps: Deps, scope: WorkspaceScope, id: string): Promise<void> {
  return withTenant(deps.db, scope, async (tx) => {
    if (!(await repo.deleteUser(tx, id))) throw notFound('user');
  });
}

/**
 * A single-use link that signs the user in (and, for `set_password`, sets its password first).
 * The default purpose is `set_password` for a user without a password, else `sign_in`.
 */
export function createSignInLink(
  deps: LinkDeps,
  scope: WorkspaceScope,
  userId: string,
  input: CreateSignInLinkInput,
): Promise<CreatedSignInLink> {
  const token = newSecret();
  return withTenant(deps.db, scope, async (tx) => {
    const user = await repo.findUser(tx, userId);
    if (!user) throw notFound('user');
    const purpose: SignInLinkPurpose = input.purpose ?? (user.hasPassword ? 'sign_in' : 'set_password');
    const expiresAt = await repo.insertSignInLink(tx, {
      id: newId('signInLink'),
      userId,
      tokenHash: token.hash,
      purpose,
      ttlSeconds: deps.ttlSeconds,
    });
    const branding = await findBranding(tx);
    const url = new URL('/sign-in', portalBaseUrl(deps.publicUrl, branding?.portalHostnames ?? []));
    url.searchParams.set('token', token.value);
    return { url: url.toString(), purpose, expiresAt };
  });
}
