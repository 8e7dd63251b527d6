import { pinyin } from 'pinyin-pro';

/**
 * Readings of name characters outside the Basic Multilingual Plane that pinyin-pro has no entry for (it
 * returns the character itself, which the old normaliser then dropped, so 𠮷田 was stored as "tian").
 */
export const SUPPLEMENTARY_READINGS: Readonly<Record<string, string>> = {
  '𠮷': 'jí', // U+20BB7, the "土"-topped 吉 of 𠮷田 and similar names
  '𡘙': 'tǎi', // U+21619
};

/**
 * Surname readings pinyin-pro's surname table lacks: used only for the first character of a name, where
 * a surname sits (秘 is mì as a word but Bì as a surname).
 */
export const SURNAME_READINGS: Readonly<Record<string, string>> = {
  秘: 'bì',
  祭: 'zhài',
  种: 'chóng',
};

/**
 * The one normaliser for pinyin, used for the stored form and for what staff type in the search box:
 * ü in any spelling ("ü", "ǚ", "u:", "v") becomes "v", tone marks, tone digits (a 1–5 right after a
 * letter), spaces, apostrophes and anything else that is not a latin letter or a digit are removed, and
 * the result is lower case. A digit of its own stays ("王小红2" is not "王小红3").
 * "Shàn Xiǎo míng" → "shanxiaoming", "Lǚ jia" / "lu:jia" / "lv jia" → "lvjia".
 */
export function normalisePinyin(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/u\u0308/g, 'v')
    .replace(/u:/g, 'v')
    .replace(/([a-z])[1-5]/g, '$1')
    .replace(/[^a-z0-9]/g, '');
}

const HAN = /\p{Script=Han}/u;

/**
 * Full pinyin (no tones, no spaces, lower case) and initials of a name, surname readings first. Each Chinese
 * character is one syllable; a run of other characters (a latin name, "·") counts as one word.
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const text = name.normalize('NFC');
  const chars = Array.from(text);
  const read = pinyin(text, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'spaced', v: true });
  // pinyin-pro gives one element per character with nonZh 'spaced'; if that ever stops holding, read one
  // character at a time so a reading never shifts onto the wrong character.
  const readings = read.length === chars.length ? read : chars.map((c, i) => pinyin(c, { toneType: 'none', surname: i === 0 ? 'head' : 'off', v: true }));
  const words: string[] = [];
  let run = '';
  chars.forEach((char, i) => {
    if (!HAN.test(char)) {
      run += char;
      return;
    }
    if (run) words.push(run);
    run = '';
    words.push((i === 0 ? SURNAME_READINGS[char] : undefined) ?? SUPPLEMENTARY_READINGS[char] ?? readings[i]);
  });
  if (run) words.push(run);
  const clean = words.map(normalisePinyin).filter((s) => s.length > 0);
  return { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}
