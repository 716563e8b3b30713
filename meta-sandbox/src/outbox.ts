/**
 * What happens after the sandbox accepted a send: WhatsApp status webhooks (`sent`, `delivered`,
 * `read`, or a `failed` one when a fault asked for it) and Instagram `read` / echo events, emitted
 * through the customer (signed, Meta's shapes) after `sendSettings.delayMs` each. `idle()` waits
 * for everything scheduled; a test that wants to drive statuses itself sets `statuses: []` and
 * calls `emitStatus`.
 */
import type { SandboxCustomer } from './customer.ts';
import type { SandboxState } from './state.ts';
import type { EmittedStatus, SendSettings, SentMessage } from './types.ts';
import { WHATSAPP_ERRORS, type WhatsAppError, type WhatsAppStatusName } from './webhook-payloads.ts';

export class SandboxOutbox {
  #pending = new Set<Promise<void>>();
  #timers = new Map<ReturnType<typeof setTimeout>, (go: boolean) => void>();
  #closed = false;

  constructor(
    readonly state: SandboxState,
    readonly customer: SandboxCustomer,
  ) {}

  get settings(): SendSettings {
    return this.state.sendSettings;
  }

  /** Changes what follows a send (statuses, delay, Instagram events, the window rule). */
  configure(settings: Partial<SendSettings>): SendSettings {
    return this.state.setSendSettings(settings);
  }

  /** Every accepted send (same as `state.sentMessages()`). */
  sent(channel?: SentMessage['channel']): SentMessage[] {
    return this.state.sentMessages(channel);
  }

  /** Resolves once every scheduled status webhook / event has been sent (or failed to be). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Cancels what is still scheduled (the sandbox is closing). */
  close(): void {
    this.#closed = true;
    for (const [timer, resolve] of this.#timers) {
      clearTimeout(timer);
      resolve(false);
    }
    this.#timers.clear();
  }

  #wait(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve(!this.#closed);
      }, ms);
      this.#timers.set(timer, resolve);
    });
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  /** After a WhatsApp send: the configured statuses, or one `failed` status with `failure`. */
  afterWhatsAppSend(message: SentMessage, failure?: WhatsAppError): void {
    const { statuses, delayMs } = this.settings;
    const plan: { status: WhatsAppStatusName; errors?: WhatsAppError[] }[] = failure
      ? [{ status: 'failed', errors: [failure] }]
      : statuses.map((status) => ({ status }));
    if (plan.length === 0) return;
    this.#track(
      (async () => {
        for (const step of plan) {
          if (!(await this.#wait(delayMs))) return;
          await this.emitStatus(message.providerId, step.status, step.errors);
        }
      })(),
    );
  }

  /** After an Instagram DM: the echo and / or the customer's `read`, as configured. */
  afterInstagramDm(message: SentMessage): void {
    const { instagramRead, instagramEcho, delayMs } = this.settings;
    if (!instagramRead && !instagramEcho) return;
    this.#track(
      (async () => {
        if (instagramEcho) {
          if (!(await this.#wait(delayMs))) return;
          await this.#emitInstagram(message, 'echo');
        }
        if (instagramRead) {
          if (!(await this.#wait(delayMs))) return;
          await this.#emitInstagram(message, 'read');
        }
      })(),
    );
  }

  /**
   * Emits one status webhook for a message the platform sent through the sandbox (`failed`
   * defaults to 131026 "Message undeliverable"); records it on the sent message.
   */
  async emitStatus(
    providerId: string,
    status: WhatsAppStatusName,
    errors?: WhatsAppError[],
  ): Promise<EmittedStatus> {
    const message = this.state.findSent(providerId);
    if (message?.channel !== 'whatsapp')
      throw new RangeError(`no WhatsApp message ${providerId} was sent through the sandbox`);
    const failedErrors = status === 'failed' ? (errors ?? [WHATSAPP_ERRORS.undeliverable]) : undefined;
    const record: EmittedStatus = { status, at: this.state.now().toISOString(), ok: false };
    if (failedErrors?.[0]) record.errorCode = failedErrors[0].code;
    try {
      const result = await this.customer.sendWhatsAppStatus({
        phoneNumberId: message.from,
        to: { waId: message.recipientId },
        messageId: message.providerId,
        status,
        ...(failedErrors ? { errors: failedErrors } : {}),
        // Returned on sent, delivered and read statuses (as Meta describes the field), not on failed.
        ...(message.callbackData !== undefined && status !== 'failed'
          ? { biz_opaque_callback_data: message.callbackData }
          : {}),
      });
      record.ok = result.ok;
      if (!result.ok) record.error = `platform answered ${result.deliveries.map((d) => d.status).join(',')}`;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    message.emitted.push(record);
    return { ...record };
  }

  async #emitInstagram(message: SentMessage, kind: 'read' | 'echo'): Promise<void> {
    const record: EmittedStatus = { status: kind, at: this.state.now().toISOString(), ok: false };
    try {
      const result = await this.customer.sendInstagramEvent({
        accountId: message.from,
        from: { id: message.recipientId },
        event:
          kind === 'read'
            ? { kind: 'read', mid: message.providerId }
            : { kind: 'message', isEcho: true, mid: message.providerId, text: message.text },
      });
      record.ok = result.ok;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    message.emitted.push(record);
  }
}
