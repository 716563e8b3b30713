/*
 * Why templates: the built-in drafter may only say what the business context says. Every sentence
 * here is fixed wording plus fields copied from cited facts (names, formatted prices, policy texts,
 * FAQ answers) and the business name — never a URL, phone number or e-mail of its own.
 */
import type { BusinessContext } from '../business-context/types.ts';
import { formatMoney } from './money.ts';
import type { DraftChannel, DraftLanguage } from './types.ts';

type CatalogItem = BusinessContext['catalog'][number];
type Policy = BusinessContext['policies'][number];

/** How to address the customer, from the business's free-text tone ("formal", "santai", …). */
export type Voice = { language: DraftLanguage; formal: boolean; business: string };

/** Reads a business's tone: anything mentioning formality or professionalism is formal. */
export function voiceFor(context: BusinessContext, language: DraftLanguage): Voice {
  const formal = /formal|professional|profesional|resmi|sopan|polite/i.test(context.business.tone);
  return { language, formal, business: context.business.name };
}

const you = (v: Voice) => (v.formal ? 'Anda' : 'Kakak');

/** A short greeting naming the business and offering help. */
export function greetingText(v: Voice): string {
  if (v.language === 'id') {
    return v.formal
      ? `Halo, terima kasih telah menghubungi ${v.business}. Ada yang bisa kami bantu?`
      : `Halo Kak! Selamat datang di ${v.business}. Ada yang bisa kami bantu?`;
  }
  return v.formal
    ? `Hello, thank you for contacting ${v.business}. How may we help you?`
    : `Hi! Welcome to ${v.business}. How can we help you today?`;
}

/** A short reply to thanks or an acknowledgement. */
export function welcomeText(v: Voice): string {
  return v.language === 'id'
    ? `Sama-sama! Kabari kami kalau ada yang bisa ${v.business} bantu lagi.`
    : `You're welcome! Let us know if there's anything else ${v.business} can help with.`;
}

/** The opening word when the customer greeted before asking. */
export function helloPrefix(v: Voice): string {
  if (v.language === 'id') return v.formal ? 'Halo, ' : 'Halo Kak! ';
  return v.formal ? 'Hello, ' : 'Hi! ';
}

function itemSentence(v: Voice, item: CatalogItem): string {
  const price = formatMoney(item.price);
  if (v.language === 'id') {
    return item.available
      ? `${item.name} harganya ${price} dan stoknya tersedia.`
      : `${item.name} harganya ${price}, tetapi saat ini stoknya sedang habis.`;
  }
  return item.available
    ? `${item.name} is ${price} and available now.`
    : `${item.name} is ${price}, but it is currently out of stock.`;
}

/** Name, price and availability of one or a few catalog items. */
export function priceText(v: Voice, items: readonly CatalogItem[]): string {
  if (items.length === 1 && items[0]) return itemSentence(v, items[0]);
  const lines = items.map((item) => {
    const state = item.available
      ? v.language === 'id'
        ? 'tersedia'
        : 'available'
      : v.language === 'id'
        ? 'stok habis'
        : 'out of stock';
    return `- ${item.name}: ${formatMoney(item.price)} (${state})`;
  });
  const intro = v.language === 'id' ? 'Berikut produk yang sesuai:' : 'Here is what we have:';
  return [intro, ...lines].join('\n');
}

/** A policy, quoted. */
export function policyText(policy: Policy): string {
  return `${policy.topic}: ${policy.text}`;
}

/** Acknowledges an order problem or refund request and says a person will take over. */
export function complaintText(v: Voice, channel: DraftChannel, policy: Policy | null): string {
  const id = v.language === 'id';
  const sorry = id ? 'Mohon maaf atas ketidaknyamanannya.' : "We're sorry to hear that.";
  if (channel === 'instagram_comment') {
    return id
      ? `${sorry} Silakan kirim DM berisi detail pesanan ${you(v)} agar tim kami bisa membantu.`
      : `${sorry} Please send us a direct message with your order details so our team can help.`;
  }
  const handoff = id
    ? `Tim ${v.business} akan segera memeriksa dan menghubungi ${you(v)}.`
    : `A member of the ${v.business} team will look into it and get back to you shortly.`;
  return [sorry, handoff, policy ? policyText(policy) : null].filter(Boolean).join(' ');
}

/** The polite, business-scoped decline for open-domain requests. */
export function declineText(v: Voice): string {
  return v.language === 'id'
    ? `Maaf, kami hanya dapat membantu pertanyaan seputar ${v.business}, seperti produk, harga, dan kebijakan kami.`
    : `Sorry, I can only help with questions about ${v.business}, such as our products, prices and policies.`;
}

/** When nothing in the context answers: promise a person, state no fact. */
export function handoffText(v: Voice): string {
  return v.language === 'id'
    ? `Terima kasih atas pesannya! Kami akan meneruskan pertanyaan ${you(v)} ke tim ${v.business} dan segera membalas.`
    : `Thanks for your message! We'll pass your question to the ${v.business} team and get back to you soon.`;
}

/** Replies per channel stay below the platform's limit (Instagram DMs take 1000 characters). */
const MAX_LENGTH: Record<DraftChannel, number> = {
  whatsapp: 4096,
  instagram_dm: 1000,
  instagram_comment: 2200,
};

/** Shortens a reply to the channel's limit at a sentence or line end, marking the cut with "…". */
export function fitToChannel(text: string, channel: DraftChannel): string {
  const max = MAX_LENGTH[channel];
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const cut = Math.max(head.lastIndexOf('. '), head.lastIndexOf('\n'));
  return `${cut > max / 2 ? head.slice(0, cut + 1).trimEnd() : head.trimEnd()}…`;
}
