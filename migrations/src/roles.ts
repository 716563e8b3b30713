/** The role the app connects as. It owns nothing, so row-level security always applies to it. */
export const APP_ROLE = 'laras_app';
