// Test support: a WhatsApp `messages` webhook around one customer message, as Meta posts it. Facts from
// Meta's OpenAPI examples and pywa's fixtures (shared/reference/meta.md §2.1), inlined so tests run on a
// clean clone.
export const PHONE_NUMBER_ID = '106540352242922';
export const CUSTOMER = '16505551234';
export const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';
export const AT = new Date(1749416383 * 1000);

const sheena = { profile: { name: 'Sheena Nelson' }, wa_id: CUSTOMER };

/** The body of a webhook carrying `message` (merged over a sender, id and timestamp) and `contacts`. */
export function messageBody(message: Record<string, unknown>, contacts: unknown[] = [sheena]) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '419561257915477',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts,
              messages: [{ from: CUSTOMER, id: WAMID, timestamp: '1749416383', ...message }],
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** The fields every customer-message item of `messageBody` has. */
export const expectedMessage = {
  kind: 'message',
  channel: 'whatsapp',
  surface: 'whatsapp',
  routingId: PHONE_NUMBER_ID,
  providerMessageId: WAMID,
  from: { id: CUSTOMER, name: 'Sheena Nelson' },
  timestamp: AT,
};
