/** The operator commands. Each prints one JSON value on stdout; everything else goes to stderr. */
import type { Knex } from '@laras/core';
import type { ApiKeyMode } from '@laras/core/api-keys';
import { createKeyForPartner, createPartner, listPartners, revokeKeyById } from '@laras/core/operator';

export class UsageError extends Error {}

export const USAGE = `Usage: npm run -s laras -- <command>

  partner create --name NAME [--mode test|live]   create a partner and its first API key
  partner list                                     list partners
  key create --partner PARTNER_ID [--name NAME] [--mode test|live]
                                                   issue another API key for a partner
  key revoke API_KEY_ID                            revoke an API key

Every command prints one JSON value on stdout.`;

export type Invocation = {
  positionals: string[];
  values: { name?: string; mode?: string; partner?: string };
};

function parseMode(mode: string | undefined): ApiKeyMode | undefined {
  if (mode === undefined || mode === 'test' || mode === 'live') return mode;
  throw new UsageError('--mode must be test or live');
}

function required(value: string | undefined, flag: string): string {
  if (!value || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

export async function runCommand(db: Knex, { positionals, values }: Invocation): Promise<unknown> {
  const [group, action, arg] = positionals;
  const mode = parseMode(values.mode);
  switch (`${group} ${action}`) {
    case 'partner create': {
      const issued = await createPartner(db, { name: required(values.name, '--name'), mode });
      return { partner_id: issued.partnerId, api_key: issued.secret };
    }
    case 'partner list':
      return (await listPartners(db)).map((p) => ({
        partner_id: p.id,
        name: p.name,
        created_at: p.createdAt.toISOString(),
        active_keys: p.activeKeys,
      }));
    case 'key create': {
      const issued = await createKeyForPartner(db, required(values.partner, '--partner'), {
        name: values.name,
        mode,
      });
      return { api_key_id: issued.apiKeyId, partner_id: issued.partnerId, api_key: issued.secret };
    }
    case 'key revoke': {
      const revoked = await revokeKeyById(db, required(arg, 'API_KEY_ID'));
      return { api_key_id: revoked.apiKeyId, revoked_at: revoked.revokedAt.toISOString() };
    }
    default:
      throw new UsageError(
        positionals.length === 0 ? 'no command given' : `unknown command: ${positionals.join(' ')}`,
      );
  }
}
