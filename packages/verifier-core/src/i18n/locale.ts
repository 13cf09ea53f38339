/** Languages with a full catalog. Chinese is split by script, as readers are. */
export const supportedLanguages = ['en', 'es', 'zh-Hant', 'zh-Hans', 'ru', 'ko', 'ht', 'bn', 'it', 'pl', 'fr'] as const;
export type Language = (typeof supportedLanguages)[number];

const SIMPLE = new Set<string>(supportedLanguages.filter((l) => !l.includes('-')));

/**
 * The catalog for a BCP 47 tag: its language subtag ('es-MX' → 'es'), with
 * Chinese by script ('zh-TW', 'zh-HK', 'zh-Hant' → Traditional; 'zh', 'zh-CN',
 * 'zh-SG', 'zh-Hans' → Simplified, as CLDR's likely subtags say). Anything
 * unknown or malformed → English.
 */
export function resolveLanguage(locale: string | undefined): Language {
  const tag = parseTag(locale);
  if (!tag) return 'en';
  if (tag.language === 'zh') return (tag.script ?? tag.maximize().script) === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  return SIMPLE.has(tag.language) ? (tag.language as Language) : 'en';
}

/**
 * The locale dates are written in: the caller's own tag when it is of the
 * resolved language (so 'es-MX' gets Mexican dates), else the language.
 * ICU has no Haitian Creole date data, so Haitian dates use French of Haiti.
 */
export function dateLocale(locale: string | undefined): string {
  const language = resolveLanguage(locale);
  if (language === 'ht') return 'fr-HT';
  const tag = parseTag(locale);
  return tag && tag.language === language.split('-')[0] ? tag.toString() : language;
}

function parseTag(locale: string | undefined): Intl.Locale | undefined {
  if (typeof locale !== 'string' || locale.length === 0 || locale.length > 64) return undefined;
  try { return new Intl.Locale(locale); } catch { return undefined; }
}
