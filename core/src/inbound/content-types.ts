// What a customer's message contains, independent of the channel: the text, media references, a
// location, a choice, and so on. Both parsers fill the same fields so storage and the AI read one shape.

/** Kinds of media Meta can attach; Instagram `file` becomes `document`, `ig_reel`/`reel` become `reel`. */
export type InboundMediaKind =
  | 'image'
  | 'audio'
  | 'video'
  | 'document'
  | 'sticker'
  | 'share'
  | 'story_mention'
  | 'reel'
  | 'other';

/** A reference to media held by Meta; Laras never downloads it while parsing. */
export type InboundMedia = {
  kind: InboundMediaKind;
  /** WhatsApp media id, resolved later with `GET /{media-id}`. */
  id?: string;
  /** Instagram CDN URL (expires; story media must not be stored). */
  url?: string;
  mimeType?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  /** WhatsApp voice note (`audio.voice`). */
  voice?: boolean;
  /** WhatsApp animated sticker. */
  animated?: boolean;
  /** Instagram attachment title (reels, shares). */
  title?: string;
  /** The provider's attachment type, kept when `kind` is `other`. */
  providerType?: string;
};

export type InboundLocation = {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
  url?: string;
};

/** A contact card the customer shared (WhatsApp `contacts` message). */
export type InboundSharedContact = {
  name: string;
  phones: { phone: string; waId?: string; type?: string }[];
  emails: string[];
};

/** A choice the customer made: a button, list row, flow, quick reply or postback. */
export type InboundChoice = {
  source: 'button_reply' | 'list_reply' | 'flow_reply' | 'template_button' | 'quick_reply' | 'postback';
  /** Button or row id (WhatsApp interactive). */
  id?: string;
  title?: string;
  description?: string;
  /** Payload set by the business (template button, quick reply, postback). */
  payload?: string;
  /** WhatsApp Flow answer, a JSON string as Meta sends it. */
  responseJson?: string;
};

export type InboundOrder = {
  catalogId: string;
  text?: string;
  items: { productRetailerId: string; quantity: number; itemPrice: number; currency: string }[];
};

/** A WhatsApp system notice, e.g. `user_changed_number`. */
export type InboundSystemNotice = {
  event: string;
  body?: string;
  newWaId?: string;
  newUserId?: string;
  previousUserId?: string;
};

/** An error object as Meta sends it in `errors[]`. */
export type InboundProviderError = {
  code: number;
  title?: string;
  message?: string;
  details?: string;
  href?: string;
};

/** What the customer quoted or answered. */
export type InboundReplyTo = {
  /** The quoted message (WhatsApp `context.id`, Instagram `reply_to.mid`). */
  messageId?: string;
  /** WhatsApp: the sender of the quoted message (`context.from`). */
  from?: string;
  /** Instagram story reply. */
  story?: { id: string; url?: string };
  /** WhatsApp product inquiry (`context.referred_product`). */
  product?: { catalogId: string; productRetailerId: string };
};

/** How the customer reached the business from an ad or link (Click-to-WhatsApp, Instagram ads). */
export type InboundReferral = {
  source?: string;
  sourceId?: string;
  sourceUrl?: string;
  type?: string;
  ref?: string;
  adId?: string;
  headline?: string;
  body?: string;
  ctwaClid?: string;
};

export type InboundMessageType =
  | InboundMediaKind
  | 'text'
  | 'location'
  | 'contacts'
  | 'choice'
  | 'order'
  | 'system'
  | 'unsupported';

/** The content of a message; `text` is the readable text whatever the type (body, caption, button title). */
export type InboundContent = {
  type: InboundMessageType;
  text?: string;
  media?: InboundMedia[];
  location?: InboundLocation;
  contacts?: InboundSharedContact[];
  choice?: InboundChoice;
  order?: InboundOrder;
  system?: InboundSystemNotice;
  errors?: InboundProviderError[];
};
