import { type Branding, type PortalBranding, verificationRecordName } from '@laras/core/branding';
import type { components } from '@laras/openapi';

export function presentBranding(branding: Branding): components['schemas']['Branding'] {
  return {
    display_name: branding.displayName,
    logo_url: branding.logoUrl,
    primary_color: branding.primaryColor,
    support_email: branding.supportEmail,
    portal_hostnames: branding.portalHostnames,
    hostname_verification: {
      record_type: 'TXT',
      record_name: verificationRecordName('{hostname}'),
      record_value: branding.verificationValue,
    },
  };
}

/** The public look of a portal; deliberately without hostnames or any partner id. */
export function presentPortalBranding(branding: PortalBranding): components['schemas']['PortalBranding'] {
  return {
    display_name: branding.displayName,
    logo_url: branding.logoUrl,
    primary_color: branding.primaryColor,
    support_email: branding.supportEmail,
  };
}
