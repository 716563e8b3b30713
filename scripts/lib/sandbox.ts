/**
 * Sandbox mode of `npm start`: with no Meta app configured, the Meta sandbox runs beside the
 * platform and every Meta URL of the configuration points at it.
 */
import type { Config } from '@laras/core';
import { type MetaSandbox, sandboxEnv, startMetaSandbox } from '@laras/meta-sandbox';

/** The configuration with each Meta host replaced by the sandbox at `url`. */
export function pointAtSandbox(config: Config, url: string): Config {
  const env = sandboxEnv(url);
  const at = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`the sandbox gave no ${name}`);
    return value;
  };
  return {
    ...config,
    meta: {
      ...config.meta,
      graphUrl: at('META_GRAPH_URL'),
      instagramGraphUrl: at('INSTAGRAM_GRAPH_URL'),
      instagramApiUrl: at('INSTAGRAM_API_URL'),
      instagramOauthUrl: at('INSTAGRAM_OAUTH_URL'),
      facebookSdkUrl: at('FACEBOOK_SDK_URL'),
      embeddedSignupOrigin: at('META_ES_ORIGIN'),
    },
  };
}

/** Starts the sandbox with this configuration's app ids and secrets. */
export function startSandboxFor(config: Config): Promise<MetaSandbox> {
  return startMetaSandbox({
    port: config.meta.sandboxPort,
    appId: config.meta.appId,
    appSecret: config.meta.appSecret,
    embeddedSignupConfigId: config.meta.embeddedSignupConfigId,
    instagramAppId: config.meta.instagramAppId,
    instagramAppSecret: config.meta.instagramAppSecret,
  });
}
