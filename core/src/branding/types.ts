import { isIP } from 'node:net';
import { z } from 'zod';

/** How a partner's portal looks to its clients. */
export type Branding = {
  displayName: string;
  logoUrl: string | null;
  primaryColor: string | null;
  supportEmail: string | null;
  portalHostnames: string[];
  /** What this partner's `_laras-verify.<hostname>` TXT records must carry to add a hostname. */
  verificationValue: string;
};

/** The public part of a branding, shown on the sign-in page of a portal hostname. */
export type PortalBranding = {
  displayName: string;
  logoUrl: string | null;
  primaryColor: string;
  supportEmail: string | null;
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const LogoUrl = z
  .string()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
      } catch {
        return false;
      }
    },
    { message: 'logo_url must be an absolute https URL' },
  );

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A hostname such as `support.acme-agency.com`: lowercase, no scheme, port, path or IP literal. */
export function normaliseHostname(input: string): string | undefined {
  const host = input.trim().toLowerCase().replace(/\.$/, '');
  if (host.length === 0 || host.length > 253 || isIP(host) !== 0) return undefined;
  const labels = host.split('.');
  if (labels.length < 2 && host !== 'localhost') return undefined;
  return labels.every((label) => LABEL.test(label)) ? host : undefined;
}

const Hostname = z
  .string()
  .min(1)
  .max(253)
  .transform((value, ctx) => {
    const host = normaliseHostname(value);
    if (!host) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a hostname such as portal.example.com` });
      return z.NEVER;
    }
    return host;
  });

export const UpdateBrandingInputSchema = z
  .strictObject({
    display_name: z.string().trim().min(1).max(100).optional(),
    logo_url: LogoUrl.nullable().optional(),
    primary_color: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, 'primary_color is a hex colour such as #0a7cff')
      .transform((value) => value.toLowerCase())
      .nullable()
      .optional(),
    support_email: z.email('support_email must be an e-mail address').max(254).nullable().optional(),
    // Duplicates (after normalising) are dropped when stored, not here, so that an error's
    // `portal_hostnames[i]` points at the hostname as the request gave it.
    portal_hostnames: z.array(Hostname).max(10).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'give at least one field to change' });
export type UpdateBrandingInput = z.infer<typeof UpdateBrandingInputSchema>;
