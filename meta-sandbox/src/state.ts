/**
 * Everything the sandbox remembers: the seeded accounts, the codes and tokens it issued, which
 * apps are subscribed to which WABA / Instagram account, which numbers are registered, open
 * dialogs and a log of the calls it answered. Time comes from the injected clock, so tests can
 * expire codes and age tokens without waiting.
 */
import { numericId, opaque, redact } from './secrets.ts';
import {
  defaultSeed,
  type QualityRating,
  type Seed,
  type SeedBusiness,
  type SeedInstagramAccount,
  type SeedPhoneNumber,
  type SeedWaba,
} from './seed.ts';
import {
  type CallRecord,
  type CodeProblem,
  type Dialog,
  type EmbeddedSignupChoice,
  type InstagramSubscription,
  type IssuedCode,
  type IssuedToken,
  LIFETIMES,
  type SandboxApps,
  type SendSettings,
  type SentMessage,
  type TokenCheck,
  type WabaSubscription,
  type WebhookDelivery,
  type WebhookTargets,
} from './types.ts';

export const DEFAULT_SEND_SETTINGS: SendSettings = {
  statuses: ['sent', 'delivered', 'read'],
  delayMs: 50,
  instagramRead: true,
  instagramEcho: false,
  window: 'known',
};

export class SandboxState {
  #seed: Seed = defaultSeed();
  #codes = new Map<string, IssuedCode>();
  #tokens = new Map<string, IssuedToken>();
  #dialogs = new Map<string, Dialog>();
  #wabaSubscriptions = new Map<string, WabaSubscription>();
  #instagramSubscriptions = new Map<string, InstagramSubscription>();
  #registered = new Map<string, { pin: string; registeredAt: Date }>();
  #calls: CallRecord[] = [];
  #deliveries: WebhookDelivery[] = [];
  #webhooks: WebhookTargets = { whatsappUrl: null, instagramUrl: null };
  #sent: SentMessage[] = [];
  /** `wa:<phone_number_id>:<wa_id>` / `ig:<account>:<igsid>` → when the customer last wrote. */
  #lastInbound = new Map<string, Date>();
  /** Comments the sandbox's customer wrote: id → account and commenter. */
  #comments = new Map<string, { accountId: string; fromId: string }>();
  #sendSettings: SendSettings = { ...DEFAULT_SEND_SETTINGS, statuses: [...DEFAULT_SEND_SETTINGS.statuses] };

  constructor(
    readonly apps: SandboxApps,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** Back to the default seed, nothing issued, nothing subscribed, empty call log. */
  reset(): void {
    this.#seed = defaultSeed();
    for (const map of [
      this.#codes,
      this.#tokens,
      this.#dialogs,
      this.#wabaSubscriptions,
      this.#instagramSubscriptions,
      this.#registered,
    ])
      map.clear();
    this.#calls = [];
    this.#deliveries = [];
    this.#sent = [];
    this.#lastInbound.clear();
    this.#comments.clear();
  }

  // ---- seeded accounts ----

  get businesses(): readonly SeedBusiness[] {
    return this.#seed.businesses;
  }

  get instagramAccounts(): readonly SeedInstagramAccount[] {
    return this.#seed.instagramAccounts;
  }

  /**
   * Adds a business with one WABA and its numbers; ids not given are fresh random ones (so tests
   * sharing one database never collide on a routing id).
   */
  addBusiness(
    input: {
      name?: string;
      wabaName?: string;
      phoneNumbers?: { displayPhoneNumber?: string; verifiedName?: string; qualityRating?: QualityRating }[];
    } = {},
  ): { businessId: string; wabaId: string; phoneNumbers: SeedPhoneNumber[] } {
    const name = input.name ?? `Test Business ${numericId(4)}`;
    const phoneNumbers = (input.phoneNumbers ?? [{}]).map((p) => ({
      id: numericId(15),
      displayPhoneNumber: p.displayPhoneNumber ?? `+1 555-0${numericId(3)}-${numericId(4)}`,
      verifiedName: p.verifiedName ?? name,
      qualityRating: p.qualityRating ?? 'GREEN',
    }));
    const waba: SeedWaba = { id: numericId(15), name: input.wabaName ?? name, phoneNumbers };
    const business: SeedBusiness = { id: numericId(15), name, wabas: [waba] };
    this.#seed.businesses.push(business);
    return { businessId: business.id, wabaId: waba.id, phoneNumbers };
  }

  /** Adds an Instagram professional account with fresh ids. */
  addInstagramAccount(
    input: { username?: string; name?: string; accountType?: 'BUSINESS' | 'MEDIA_CREATOR' } = {},
  ): SeedInstagramAccount {
    const suffix = numericId(6);
    const account: SeedInstagramAccount = {
      userId: `1784${numericId(13)}`,
      appScopedId: numericId(16),
      username: input.username ?? `test.shop.${suffix}`,
      name: input.name ?? `Test Shop ${suffix}`,
      accountType: input.accountType ?? 'BUSINESS',
    };
    this.#seed.instagramAccounts.push(account);
    return account;
  }

  findWaba(wabaId: string): { business: SeedBusiness; waba: SeedWaba } | undefined {
    for (const business of this.#seed.businesses)
      for (const waba of business.wabas) if (waba.id === wabaId) return { business, waba };
    return undefined;
  }

  findPhoneNumber(
    phoneNumberId: string,
  ): { business: SeedBusiness; waba: SeedWaba; phone: SeedPhoneNumber } | undefined {
    for (const business of this.#seed.businesses)
      for (const waba of business.wabas)
        for (const phone of waba.phoneNumbers)
          if (phone.id === phoneNumberId) return { business, waba, phone };
    return undefined;
  }

  findInstagramAccount(userId: string): SeedInstagramAccount | undefined {
    return this.#seed.instagramAccounts.find((a) => a.userId === userId);
  }

  /** True when the phone number belongs to that WABA, which belongs to that business. */
  isValidChoice(choice: EmbeddedSignupChoice): boolean {
    const found = this.findPhoneNumber(choice.phoneNumberId);
    return found?.waba.id === choice.wabaId && found.business.id === choice.businessId;
  }

  // ---- codes ----

  #at(secondsFromNow: number): Date {
    return new Date(this.now().getTime() + secondsFromNow * 1000);
  }

  /** The code Embedded Signup hands the login callback when the person clicks Finish. */
  issueEmbeddedSignupCode(choice: EmbeddedSignupChoice, appId = this.apps.appId): string {
    if (!this.isValidChoice(choice)) throw new RangeError('no such business / WABA / phone number');
    const code = opaque('AQ', 96);
    this.#codes.set(code, {
      kind: 'embedded_signup',
      code,
      appId,
      issuedAt: this.now(),
      expiresAt: this.#at(LIFETIMES.embeddedSignupCode),
      usedAt: null,
      ...choice,
    });
    return code;
  }

  /** The code Instagram's consent dialog redirects back with when the person clicks Allow. */
  issueInstagramCode(input: {
    userId: string;
    redirectUri: string;
    scopes: string[];
    appId?: string;
  }): string {
    if (!this.findInstagramAccount(input.userId)) throw new RangeError('no such Instagram account');
    const code = opaque('AQ', 96);
    this.#codes.set(code, {
      kind: 'instagram',
      code,
      appId: input.appId ?? this.apps.instagramAppId,
      issuedAt: this.now(),
      expiresAt: this.#at(LIFETIMES.instagramCode),
      usedAt: null,
      userId: input.userId,
      redirectUri: input.redirectUri,
      scopes: input.scopes,
    });
    return code;
  }

  /** Spends a code of that kind for that app: the code, or why it cannot be used. */
  redeemCode<K extends IssuedCode['kind']>(
    code: string,
    kind: K,
    appId: string,
    redirectUri?: string,
  ): { ok: true; code: Extract<IssuedCode, { kind: K }> } | { ok: false; problem: CodeProblem } {
    const found = this.#codes.get(code);
    if (!found || found.kind !== kind || found.appId !== appId) return { ok: false, problem: 'unknown' };
    if (found.usedAt) return { ok: false, problem: 'used' };
    if (found.expiresAt.getTime() <= this.now().getTime()) return { ok: false, problem: 'expired' };
    if (found.kind === 'instagram' && found.redirectUri !== redirectUri)
      return { ok: false, problem: 'redirect_mismatch' };
    found.usedAt = this.now();
    return { ok: true, code: found as Extract<IssuedCode, { kind: K }> };
  }

  // ---- tokens ----

  issueBusinessToken(code: Extract<IssuedCode, { kind: 'embedded_signup' }>): IssuedToken {
    const found = this.findWaba(code.wabaId);
    const token: IssuedToken = {
      kind: 'business',
      token: opaque('EAAS', 120),
      appId: code.appId,
      issuedAt: this.now(),
      expiresAt: this.#at(LIFETIMES.businessToken),
      scopes: ['whatsapp_business_management', 'whatsapp_business_messaging', 'business_management'],
      businessId: code.businessId,
      wabaIds: [code.wabaId],
      phoneNumberIds: found?.waba.phoneNumbers.map((p) => p.id) ?? [code.phoneNumberId],
    };
    this.#tokens.set(token.token, token);
    return token;
  }

  issueInstagramToken(
    kind: 'instagram_short' | 'instagram_long',
    from: { userId: string; scopes: string[]; appId: string },
  ): IssuedToken {
    const lifetime =
      kind === 'instagram_short' ? LIFETIMES.instagramShortLived : LIFETIMES.instagramLongLived;
    const token: IssuedToken = {
      kind,
      token: opaque('IGAA', 120),
      appId: from.appId,
      issuedAt: this.now(),
      expiresAt: this.#at(lifetime),
      scopes: from.scopes,
      userId: from.userId,
    };
    this.#tokens.set(token.token, token);
    return token;
  }

  /** Looks a bearer token up: issued by this sandbox and unexpired, or why not. */
  checkToken(token: string | undefined): TokenCheck {
    const found = token ? this.#tokens.get(token) : undefined;
    if (!found) return { ok: false };
    if (found.expiresAt && found.expiresAt.getTime() <= this.now().getTime())
      return { ok: false, expiredAt: found.expiresAt };
    return { ok: true, token: found };
  }

  /** Revokes a token (as removing the app or changing the password does). */
  revokeToken(token: string): boolean {
    return this.#tokens.delete(token);
  }

  /** The app access token `APP_ID|APP_SECRET` of the Meta app. */
  isAppToken(token: string | undefined): boolean {
    return token === `${this.apps.appId}|${this.apps.appSecret}`;
  }

  // ---- dialogs ----

  openDialog<D extends Dialog>(dialog: Omit<D, 'id' | 'expiresAt'>): D {
    const opened = { ...dialog, id: opaque('dlg_', 18), expiresAt: this.#at(LIFETIMES.dialog) } as D;
    this.#dialogs.set(opened.id, opened);
    return opened;
  }

  /** An open dialog of that kind; it closes when `close` is set. */
  findDialog<K extends Dialog['kind']>(
    id: string,
    kind: K,
    close = false,
  ): Extract<Dialog, { kind: K }> | undefined {
    const dialog = this.#dialogs.get(id);
    if (!dialog || dialog.kind !== kind || dialog.expiresAt.getTime() <= this.now().getTime())
      return undefined;
    if (close) this.#dialogs.delete(id);
    return dialog as Extract<Dialog, { kind: K }>;
  }

  closeDialog(id: string): void {
    this.#dialogs.delete(id);
  }

  // ---- subscriptions and registration ----

  subscribeWaba(wabaId: string, appId: string, overrideCallbackUri: string | null): void {
    this.#wabaSubscriptions.set(`${wabaId}:${appId}`, { wabaId, appId, overrideCallbackUri });
  }

  unsubscribeWaba(wabaId: string, appId: string): void {
    this.#wabaSubscriptions.delete(`${wabaId}:${appId}`);
  }

  wabaSubscriptions(wabaId?: string): WabaSubscription[] {
    return [...this.#wabaSubscriptions.values()].filter((s) => !wabaId || s.wabaId === wabaId);
  }

  subscribeInstagram(userId: string, appId: string, fields: string[]): void {
    this.#instagramSubscriptions.set(`${userId}:${appId}`, { userId, appId, fields });
  }

  unsubscribeInstagram(userId: string, appId: string): void {
    this.#instagramSubscriptions.delete(`${userId}:${appId}`);
  }

  instagramSubscriptions(userId?: string): InstagramSubscription[] {
    return [...this.#instagramSubscriptions.values()].filter((s) => !userId || s.userId === userId);
  }

  /**
   * Registers a number for Cloud API. The first PIN becomes its two-step verification PIN; a later
   * registration must present the same one (Meta's error 133005 otherwise).
   */
  register(phoneNumberId: string, pin: string): 'registered' | 'pin_mismatch' {
    const current = this.#registered.get(phoneNumberId);
    if (current && current.pin !== pin) return 'pin_mismatch';
    this.#registered.set(phoneNumberId, { pin, registeredAt: this.now() });
    return 'registered';
  }

  /** Deregisters a number (the business did it in WhatsApp Manager); its PIN is forgotten. */
  deregister(phoneNumberId: string): void {
    this.#registered.delete(phoneNumberId);
  }

  isRegistered(phoneNumberId: string): boolean {
    return this.#registered.has(phoneNumberId);
  }

  // ---- call log ----

  recordCall(call: Omit<CallRecord, 'at'>): void {
    this.#calls.push({ at: this.now().toISOString(), ...call });
  }

  calls(operation?: string): CallRecord[] {
    return this.#calls.filter((c) => !operation || c.operation === operation);
  }

  // ---- webhooks (the sandbox's customer) ----

  /** Where webhooks go. Configuration, not state: `reset()` keeps it. */
  get webhooks(): WebhookTargets {
    return { ...this.#webhooks };
  }

  /** Sets (a string) or clears (null) a target; a key left out is kept. */
  setWebhooks(targets: { whatsappUrl?: string | null; instagramUrl?: string | null }): WebhookTargets {
    for (const key of ['whatsappUrl', 'instagramUrl'] as const) {
      const value = targets[key];
      if (value === undefined) continue;
      if (value !== null) {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          throw new RangeError(`${key} must be an http(s) URL, got ${value}`);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
          throw new RangeError(`${key} must be an http(s) URL, got ${value}`);
      }
      this.#webhooks[key] = value;
    }
    return this.webhooks;
  }

  recordDelivery(delivery: Omit<WebhookDelivery, 'id' | 'at'>): WebhookDelivery {
    const recorded = { id: this.#deliveries.length + 1, at: this.now().toISOString(), ...delivery };
    this.#deliveries.push(recorded);
    return recorded;
  }

  deliveries(source?: WebhookDelivery['source']): WebhookDelivery[] {
    return this.#deliveries.filter((d) => !source || d.source === source).map((d) => ({ ...d }));
  }

  // ---- sends (the platform's outbound messages) ----

  /** What happens after a send: status webhooks, Instagram events, the window rule. `reset()` keeps it. */
  get sendSettings(): SendSettings {
    return { ...this.#sendSettings, statuses: [...this.#sendSettings.statuses] };
  }

  setSendSettings(settings: Partial<SendSettings>): SendSettings {
    const next = { ...this.#sendSettings, ...settings };
    const allowed = ['sent', 'delivered', 'read'];
    if (!Array.isArray(next.statuses) || next.statuses.some((s) => !allowed.includes(s)))
      throw new RangeError('statuses must be a list of sent, delivered, read');
    if (typeof next.delayMs !== 'number' || !Number.isFinite(next.delayMs) || next.delayMs < 0)
      throw new RangeError('delayMs must be a non-negative number');
    if (!['known', 'strict', 'off'].includes(next.window))
      throw new RangeError('window must be known, strict or off');
    if (typeof next.instagramRead !== 'boolean' || typeof next.instagramEcho !== 'boolean')
      throw new RangeError('instagramRead and instagramEcho must be booleans');
    this.#sendSettings = { ...next, statuses: [...next.statuses] };
    return this.sendSettings;
  }

  recordSent(message: Omit<SentMessage, 'seq' | 'at' | 'emitted'>): SentMessage {
    const recorded: SentMessage = {
      seq: this.#sent.length + 1,
      at: this.now().toISOString(),
      emitted: [],
      ...message,
    };
    this.#sent.push(recorded);
    return recorded;
  }

  /** Every send the sandbox accepted (copies), oldest first; optionally of one channel. */
  sentMessages(channel?: SentMessage['channel']): SentMessage[] {
    return this.#sent
      .filter((m) => !channel || m.channel === channel)
      .map((m) => ({ ...m, emitted: m.emitted.map((e) => ({ ...e })) }));
  }

  /** The live record of a send by its wamid / mid / comment id (the outbox appends to `emitted`). */
  findSent(providerId: string): SentMessage | undefined {
    return this.#sent.find((m) => m.providerId === providerId);
  }

  /** The sandbox's customer wrote (WhatsApp: to a number; Instagram: to an account) at `at`. */
  noteInbound(
    key: { whatsapp: string; waId: string } | { instagram: string; igsid: string },
    at: Date,
  ): void {
    const id = 'whatsapp' in key ? `wa:${key.whatsapp}:${key.waId}` : `ig:${key.instagram}:${key.igsid}`;
    const current = this.#lastInbound.get(id);
    if (!current || current.getTime() < at.getTime()) this.#lastInbound.set(id, at);
  }

  lastInbound(
    key: { whatsapp: string; waId: string } | { instagram: string; igsid: string },
  ): Date | undefined {
    return this.#lastInbound.get(
      'whatsapp' in key ? `wa:${key.whatsapp}:${key.waId}` : `ig:${key.instagram}:${key.igsid}`,
    );
  }

  /** Whether the 24-hour window allows a free-form send now, by `sendSettings.window`. */
  windowOpen(key: { whatsapp: string; waId: string } | { instagram: string; igsid: string }): boolean {
    const rule = this.#sendSettings.window;
    if (rule === 'off') return true;
    const last = this.lastInbound(key);
    if (!last) return rule === 'known';
    return this.now().getTime() - last.getTime() <= 24 * 3_600_000;
  }

  noteComment(commentId: string, info: { accountId: string; fromId: string }): void {
    this.#comments.set(commentId, info);
  }

  findComment(commentId: string): { accountId: string; fromId: string } | undefined {
    return this.#comments.get(commentId);
  }

  /** What `GET /_admin/state` shows: everything, with tokens and codes cut to a short prefix. */
  snapshot() {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      apps: {
        app_id: this.apps.appId,
        embedded_signup_config_id: this.apps.embeddedSignupConfigId,
        instagram_app_id: this.apps.instagramAppId,
      },
      now: this.now().toISOString(),
      businesses: this.#seed.businesses.map((b) => ({
        id: b.id,
        name: b.name,
        wabas: b.wabas.map((w) => ({
          id: w.id,
          name: w.name,
          phone_numbers: w.phoneNumbers.map((p) => ({
            id: p.id,
            display_phone_number: p.displayPhoneNumber,
            verified_name: p.verifiedName,
          })),
        })),
      })),
      instagram_accounts: this.#seed.instagramAccounts.map((a) => ({
        user_id: a.userId,
        id: a.appScopedId,
        username: a.username,
        account_type: a.accountType,
      })),
      codes: [...this.#codes.values()].map((c) => ({
        code: redact(c.code),
        kind: c.kind,
        issued_at: iso(c.issuedAt),
        expires_at: iso(c.expiresAt),
        used: c.usedAt !== null,
      })),
      tokens: [...this.#tokens.values()].map((t) => ({
        token: redact(t.token),
        kind: t.kind,
        subject:
          t.kind === 'business' ? { business_id: t.businessId, waba_ids: t.wabaIds } : { user_id: t.userId },
        issued_at: iso(t.issuedAt),
        expires_at: iso(t.expiresAt),
      })),
      subscriptions: {
        whatsapp: this.wabaSubscriptions().map((s) => ({
          waba_id: s.wabaId,
          app_id: s.appId,
          override_callback_uri: s.overrideCallbackUri,
        })),
        instagram: this.instagramSubscriptions().map((s) => ({
          user_id: s.userId,
          app_id: s.appId,
          subscribed_fields: s.fields,
        })),
      },
      registered_numbers: [...this.#registered.entries()].map(([id, r]) => ({
        phone_number_id: id,
        registered_at: iso(r.registeredAt),
      })),
      calls: this.calls(),
      webhooks: { whatsapp_url: this.#webhooks.whatsappUrl, instagram_url: this.#webhooks.instagramUrl },
      webhook_deliveries: this.deliveries(),
      send_settings: this.sendSettings,
      sent_messages: this.sentMessages(),
      customer_last_wrote: [...this.#lastInbound.entries()].map(([key, at]) => ({ key, at: iso(at) })),
    };
  }
}

export type SandboxSnapshot = ReturnType<SandboxState['snapshot']>;
