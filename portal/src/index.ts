/**
 * The partner-branded portal (React + Vite, built on @laras/sdk) arrives with the connect issue.
 * Until then this package only reserves its place in the workspace.
 */
export const PORTAL_STATUS = 'planned' as const;
