/**
 * A local stand-in for Meta (Graph API, OAuth dialog, Embedded Signup popup, signed webhook
 * sender, fault injection) arrives with the connect issue. This package reserves its place.
 */
export const META_SANDBOX_STATUS = 'planned' as const;
