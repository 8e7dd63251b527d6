import { pinyin } from 'pinyin-pro';

/** Full pinyin (no tones, no spaces, lower case) and initials of a name, surname readings first. */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true }) as string[];
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((s) => s.length > 0);
  return { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}
