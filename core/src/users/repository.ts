import { fetchPage, type Page, type PageRequest, type TenantTx, type WorkspaceScope } from '../db/index.ts';
import type { SignInLinkPurpose, User, UserRole } from './types.ts';

type UserRow = {
  id: string;
  partner_id: string;
  workspace_id: string;
  email: string;
  name: string | null;
  role: UserRole;
  password_hash: string | null;
  created_at: Date;
  last_sign_in_at: Date | null;
};

const COLUMNS = [
  'id',
  'workspace_id',
  'email',
  'name',
  'role',
  'created_at',
  'last_sign_in_at',
  'password_hash',
];

function toUser(row: UserRow): User {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    role: row.role,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

type Tx = TenantTx<WorkspaceScope>;
const own = (tx: Tx) => ({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId });

export async function insertUser(
  tx: Tx,
  values: { id: string; email: string; name: string | null; role: UserRole; passwordHash: string | null },
): Promise<User> {
  const [row] = await tx
    .trx<UserRow>('users')
    .insert({
      ...own(tx),
      id: values.id,
      email: values.email,
      name: values.name,
      role: values.role,
      password_hash: values.passwordHash,
    })
    .returning(COLUMNS);
  return toUser(row as UserRow);
}

export async function findUser(tx: Tx, id: string): Promise<User | undefined> {
  const row: UserRow | undefined = await tx
    .trx('users')
    .select(COLUMNS)
    .where({ ...own(tx), id })
    .first();
  return row ? toUser(row) : undefined;
}

/** The user and its password hash, for checking a password; the hash never leaves the domain. */
export async function findUserCredentials(
  tx: Tx,
  id: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row: UserRow | undefined = await tx
    .trx('users')
    .select(COLUMNS)
    .where({ ...own(tx), id })
    .first();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function listUsers(tx: Tx, page: PageRequest): Promise<Page<User>> {
  const result = await fetchPage<UserRow>(tx.trx('users').select(COLUMNS).where(own(tx)), 'id', page);
  return { ...result, data: result.data.map(toUser) };
}

export async function deleteUser(tx: Tx, id: string): Promise<boolean> {
  return (
    (await tx
      .trx('users')
      .where({ ...own(tx), id })
      .delete()) > 0
  );
}

export async function setPasswordHash(tx: Tx, id: string, passwordHash: string): Promise<void> {
  await tx
    .trx('users')
    .where({ ...own(tx), id })
    .update({ password_hash: passwordHash, updated_at: tx.trx.fn.now() });
}

export async function touchSignIn(tx: Tx, id: string): Promise<User | undefined> {
  const [row] = await tx
    .trx<UserRow>('users')
    .where({ ...own(tx), id })
    .update({ last_sign_in_at: tx.trx.fn.now() as unknown as Date })
    .returning(COLUMNS);
  return row ? toUser(row as UserRow) : undefined;
}

export async function insertSignInLink(
  tx: Tx,
  values: { id: string; userId: string; tokenHash: string; purpose: SignInLinkPurpose; ttlSeconds: number },
): Promise<Date> {
  const [row] = await tx
    .trx('sign_in_links')
    .insert({
      ...own(tx),
      id: values.id,
      user_id: values.userId,
      token_hash: values.tokenHash,
      purpose: values.purpose,
      expires_at: tx.trx.raw('now() + make_interval(secs => ?)', [values.ttlSeconds]),
    })
    .returning(['expires_at']);
  return (row as { expires_at: Date }).expires_at;
}

export type SignInLinkRow = {
  id: string;
  user_id: string;
  purpose: SignInLinkPurpose;
  expires_at: Date;
  used_at: Date | null;
  expired: boolean;
};

/** The link, locked until the transaction ends so two redemptions cannot both succeed. */
export async function lockSignInLink(tx: Tx, id: string): Promise<SignInLinkRow | undefined> {
  return tx
    .trx('sign_in_links')
    .select('id', 'user_id', 'purpose', 'expires_at', 'used_at', tx.trx.raw('expires_at <= now() as expired'))
    .where({ ...own(tx), id })
    .forUpdate()
    .first();
}

export async function markSignInLinkUsed(tx: Tx, id: string): Promise<void> {
  await tx
    .trx('sign_in_links')
    .where({ ...own(tx), id })
    .update({ used_at: tx.trx.fn.now() });
}
