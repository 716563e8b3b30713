/*
 * Why a word list and not a model: customer messages are short and informal ("ready kak?"), the
 * drafter must run offline, and only English vs Indonesian matters today. Each side gets one point per
 * word found in its list of frequent function words and chat particles; ties fall back to the
 * business's first language.
 */

import { words } from './text.ts';
import type { DraftLanguage } from './types.ts';

/** Frequent Indonesian words, including chat particles and words only Indonesians write. */
export const INDONESIAN_WORDS: ReadonlySet<string> = new Set(
  (
    'yang dan di ke dari ini itu apa apakah ada berapa harga harganya bisa tidak gak nggak ga enggak ' +
    'engga saya aku kami kita kak kakak ka gan min mau ya dong sih kah untuk dengan atau juga sudah ' +
    'udah belum masih boleh tolong minta terima kasih makasih gimana bagaimana kapan mana siapa ' +
    'kenapa pesan pesanan barang selamat pagi siang sore malam halo hai punya beli stok tersedia ' +
    'sama lagi kalau kalo pakai pake bayar ongkir kirim pengiriman rusak retur tukar kebijakan ' +
    'jam buka tutup toko produk habis kosong sampai datang uang kembali mohon maaf baik oke sip ' +
    'banget aja saja cuma hanya nya deh kok tanya nanya jual dijual bang mas mbak bu pak'
  ).split(' '),
);

/** Frequent English words. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  (
    'the a an is are was were do does did you your i my me we our what how much many when where ' +
    'which who why can could would will have has had of to for in on at and or with it this that ' +
    'please thanks thank hello hey good morning afternoon evening price cost available stock ship ' +
    'shipping return refund order want need buy there any about not no yes get still sell open ' +
    'hours long take does more than from if be by so some just like'
  ).split(' '),
);

/** Scores a text for each language: the number of its words found in that language's list. */
export function languageScores(text: string): Record<DraftLanguage, number> {
  let en = 0;
  let id = 0;
  for (const word of words(text)) {
    if (INDONESIAN_WORDS.has(word)) id += 1;
    if (ENGLISH_WORDS.has(word)) en += 1;
  }
  return { en, id };
}

/** The reply language for a business's BCP 47 tags: the first of them that is `en` or `id`, else `en`. */
export function defaultLanguage(languages: readonly string[]): DraftLanguage {
  for (const tag of languages) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (primary === 'en' || primary === 'id') return primary;
  }
  return 'en';
}

/**
 * Detects whether a customer wrote in English or Indonesian.
 * @param fallback used when the text gives no signal either way (e.g. "Gayo?").
 */
export function detectLanguage(text: string, fallback: DraftLanguage = 'en'): DraftLanguage {
  const scores = languageScores(text);
  if (scores.id > scores.en) return 'id';
  if (scores.en > scores.id) return 'en';
  return fallback;
}
