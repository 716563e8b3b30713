/** One signed Meta delivery as the load generators send it, and what it holds. */

export type DeliveryKind = 'original' | 'retry' | 're-encoded';

export type Delivery = {
  body: string;
  signature: string;
  /** The wamids of the messages inside. */
  wamids: string[];
  kind: DeliveryKind;
};
