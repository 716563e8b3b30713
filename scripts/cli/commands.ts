/** The operator commands. Each prints one JSON value on stdout; everything else goes to stderr. */
import type { Config, Knex } from '@laras/core';
import type { ApiKeyMode } from '@laras/core/api-keys';
import { type RotationResult, rotateTokens } from '@laras/core/connections';
import { createKeyForPartner, createPartner, listPartners, revokeKeyById } from '@laras/core/operator';
import { generateKeyEntry, parseKeyRing } from '@laras/core/vault';

export class UsageError extends Error {}

export const USAGE = `Usage: npm run -s laras -- <command>

  partner create --name NAME [--mode test|live]   create a partner and its first API key
  partner list                                     list partners
  key create --partner PARTNER_ID [--name NAME] [--mode test|live]
                                                   issue another API key for a partner
  key revoke API_KEY_ID                            revoke an API key
  keys generate                                    print a new token-vault key entry for LARAS_ENCRYPTION_KEYS
  keys rotate                                      re-encrypt every stored token with the active key

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

export async function runCommand(
  db: Knex,
  config: Config,
  { positionals, values }: Invocation,
): Promise<unknown> {
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
    case 'keys generate': {
      const ring = parseKeyRing(config.encryptionKeys);
      const next = Math.max(...ring.keys.keys()) + 1;
      const entry = generateKeyEntry(next);
      return { key: entry, LARAS_ENCRYPTION_KEYS: `${entry},${config.encryptionKeys}` };
    }
    case 'keys rotate': {
      const result = await rotateTokens(db, parseKeyRing(config.encryptionKeys));
      return { active_key_version: parseKeyRing(config.encryptionKeys).active.version, ...snake(result) };
    }
    default:
      throw new UsageError(
        positionals.length === 0 ? 'no command given' : `unknown command: ${positionals.join(' ')}`,
      );
  }
}

function snake(result: RotationResult) {
  return { rotated: result.rotated, already_current: result.alreadyCurrent };
}
