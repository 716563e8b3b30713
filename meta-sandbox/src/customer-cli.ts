/**
 * `npm run -s -w @laras/meta-sandbox customer -- <command> …`: be the customer of a running
 * sandbox (META_SANDBOX_URL, default http://127.0.0.1:4100) through its admin API. Prints the
 * answer as JSON; exits 1 when a delivery failed, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const CUSTOMER_CLI_USAGE = `Usage: npm run -s -w @laras/meta-sandbox customer -- <command> [options]

  whatsapp   --to <phone_number_id> --text "Hi"        a WhatsApp message to the business number
             [--from <wa_id>] [--name "Ana"] [--reply-to <wamid>]
             [--type text|image|audio|voice|video|document|sticker|location|contacts|
                     button_reply|list_reply|button|reaction|unsupported]
             [--caption ..] [--media-id ..] [--filename ..] [--mime-type ..]
             [--latitude N --longitude N] [--location-name ..] [--address ..]
             [--id .. --title .. --description ..] [--payload ..]
             [--message-id <wamid> --emoji ..] [--contact-name .. --contact-phone ..]
  status     --to <phone_number_id> --message-id <wamid> --status sent|delivered|read|failed|played
             [--from <wa_id>]                          a status of a message the business sent
  instagram  --to <ig_account_id> --text "Hi"          an Instagram DM (or with --comment, a comment)
             [--username ana] [--comment [--media-id ..] [--parent-id ..]]
  raw        --source whatsapp|instagram (--json '<body>' | --file <path>)   any body, signed
  webhooks   [--whatsapp-url URL] [--instagram-url URL]   show or set where webhooks go
  deliveries                                           the deliveries so far

Every sending command takes --times N (the same bytes N times) and --json '<description>' (the
whole JSON body of POST /_admin/customer/whatsapp|instagram; see the README).
META_SANDBOX_URL: the sandbox (default http://127.0.0.1:4100).`;

const OPTIONS = {
  to: { type: 'string' },
  text: { type: 'string' },
  from: { type: 'string' },
  name: { type: 'string' },
  'reply-to': { type: 'string' },
  type: { type: 'string' },
  caption: { type: 'string' },
  'media-id': { type: 'string' },
  filename: { type: 'string' },
  'mime-type': { type: 'string' },
  latitude: { type: 'string' },
  longitude: { type: 'string' },
  'location-name': { type: 'string' },
  address: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  payload: { type: 'string' },
  'message-id': { type: 'string' },
  emoji: { type: 'string' },
  'contact-name': { type: 'string' },
  'contact-phone': { type: 'string' },
  status: { type: 'string' },
  username: { type: 'string' },
  comment: { type: 'boolean' },
  'parent-id': { type: 'string' },
  source: { type: 'string' },
  json: { type: 'string' },
  file: { type: 'string' },
  times: { type: 'string' },
  'whatsapp-url': { type: 'string' },
  'instagram-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

class UsageError extends Error {}

const str = (values: Values, key: keyof typeof OPTIONS): string | undefined => {
  const value = values[key];
  return typeof value === 'string' ? value : undefined;
};

function num(values: Values, key: keyof typeof OPTIONS): number | undefined {
  const value = str(values, key);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${key} must be a number`);
  return n;
}

/** Drops undefined values. */
function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

function whatsappMessage(values: Values): Record<string, unknown> {
  const type = str(values, 'type') ?? 'text';
  const context = str(values, 'reply-to') ? { id: str(values, 'reply-to') } : undefined;
  const base = { type, context };
  switch (type) {
    case 'text':
      if (!str(values, 'text')) throw new UsageError('--text is required');
      return compact({ ...base, text: str(values, 'text') });
    case 'image':
    case 'audio':
    case 'voice':
    case 'video':
    case 'document':
    case 'sticker':
      return compact({
        ...base,
        caption: str(values, 'caption') ?? str(values, 'text'),
        mediaId: str(values, 'media-id'),
        filename: str(values, 'filename'),
        mimeType: str(values, 'mime-type'),
      });
    case 'location':
      return compact({
        ...base,
        latitude: num(values, 'latitude') ?? -6.2,
        longitude: num(values, 'longitude') ?? 106.8166,
        name: str(values, 'location-name'),
        address: str(values, 'address'),
      });
    case 'contacts':
      return compact({
        ...base,
        contacts: [
          compact({
            name: str(values, 'contact-name') ?? 'Sandbox Friend',
            phone: str(values, 'contact-phone'),
          }),
        ],
      });
    case 'button_reply':
    case 'list_reply':
      return compact({
        ...base,
        id: str(values, 'id') ?? 'option-1',
        title: str(values, 'title') ?? str(values, 'text') ?? 'Option 1',
        description: type === 'list_reply' ? str(values, 'description') : undefined,
      });
    case 'button':
      return compact({ ...base, text: str(values, 'text') ?? 'Yes', payload: str(values, 'payload') });
    case 'reaction':
      if (!str(values, 'message-id')) throw new UsageError('--message-id (the wamid reacted to) is required');
      return compact({ ...base, messageId: str(values, 'message-id'), emoji: str(values, 'emoji') ?? '👍' });
    case 'unsupported':
      return compact(base);
    default:
      throw new UsageError(`unknown --type ${type}`);
  }
}

function description(command: string, values: Values): Record<string, unknown> {
  const json = str(values, 'json');
  if (json !== undefined) {
    try {
      return JSON.parse(json) as Record<string, unknown>;
    } catch {
      throw new UsageError('--json is not JSON');
    }
  }
  const times = num(values, 'times');
  const from = compact({ waId: str(values, 'from'), name: str(values, 'name') });
  const waFrom = Object.keys(from).length ? from : undefined;
  switch (command) {
    case 'whatsapp':
      return compact({
        phoneNumberId: str(values, 'to'),
        from: waFrom,
        message: whatsappMessage(values),
        times,
      });
    case 'status': {
      if (!str(values, 'message-id') || !str(values, 'status'))
        throw new UsageError('--message-id and --status are required');
      return compact({
        phoneNumberId: str(values, 'to'),
        from: waFrom,
        status: { messageId: str(values, 'message-id'), status: str(values, 'status') },
        times,
      });
    }
    case 'instagram': {
      if (!str(values, 'text')) throw new UsageError('--text is required');
      const igFrom = str(values, 'username') ? { username: str(values, 'username') } : undefined;
      return compact({
        accountId: str(values, 'to'),
        from: igFrom,
        ...(values.comment
          ? {
              comment: compact({
                text: str(values, 'text'),
                mediaId: str(values, 'media-id'),
                parentId: str(values, 'parent-id'),
              }),
            }
          : { text: str(values, 'text') }),
        times,
      });
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

export type CliIo = {
  /** Default: META_SANDBOX_URL or http://127.0.0.1:4100. */
  baseUrl?: string;
  out?: (text: string) => void;
  err?: (text: string) => void;
};

/** Runs the CLI; resolves with the exit code. */
export async function runCustomerCli(argv: string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  const err = io.err ?? ((text: string) => process.stderr.write(`${text}\n`));
  const base = (io.baseUrl ?? process.env.META_SANDBOX_URL ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    const command = positionals[0];
    if (values.help || !command) {
      out(CUSTOMER_CLI_USAGE);
      return command || values.help ? 0 : 2;
    }
    let path: string;
    let method = 'POST';
    let body: Record<string, unknown> | undefined;
    switch (command) {
      case 'whatsapp':
      case 'status':
        path = '/_admin/customer/whatsapp';
        body = description(command, values);
        break;
      case 'instagram':
        path = '/_admin/customer/instagram';
        body = description(command, values);
        break;
      case 'raw': {
        const text =
          str(values, 'json') ??
          (str(values, 'file') ? await readFile(String(values.file), 'utf8') : undefined);
        if (text === undefined) throw new UsageError('--json or --file is required');
        path = '/_admin/customer/send';
        body = compact({ source: str(values, 'source'), payload: text, times: num(values, 'times') });
        break;
      }
      case 'webhooks': {
        const targets = compact({
          whatsappUrl: str(values, 'whatsapp-url'),
          instagramUrl: str(values, 'instagram-url'),
        });
        path = '/_admin/webhooks';
        if (Object.keys(targets).length) body = targets;
        else method = 'GET';
        break;
      }
      case 'deliveries':
        path = '/_admin/customer/deliveries';
        method = 'GET';
        break;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        ...(body ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      err(`cannot reach the Meta sandbox at ${base} (META_SANDBOX_URL): ${(error as Error).message}`);
      return 1;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: print as is
    }
    out(typeof parsed === 'string' ? parsed : JSON.stringify(parsed, null, 2));
    if (!response.ok) return 1;
    return (parsed as { ok?: boolean }).ok === false ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`${(error as Error).message}\n\n${CUSTOMER_CLI_USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCustomerCli(process.argv.slice(2));
}
