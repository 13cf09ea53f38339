import type { Catalog, MessageKey } from './keys.js';
import { resolveLanguage, type Language } from './locale.js';
import { bn } from './languages/bn.js';
import { en } from './languages/en.js';
import { es } from './languages/es.js';
import { fr } from './languages/fr.js';
import { ht } from './languages/ht.js';
import { it } from './languages/it.js';
import { ko } from './languages/ko.js';
import { pl } from './languages/pl.js';
import { ru } from './languages/ru.js';
import { zhHans } from './languages/zh-hans.js';
import { zhHant } from './languages/zh-hant.js';

const catalogs: Record<Language, Catalog> = { en, es, 'zh-Hant': zhHant, 'zh-Hans': zhHans, ru, ko, ht, bn, it, pl, fr };

/**
 * The message for an error code or policy reason in the language of `locale`
 * (English when the language is not supported), with `{name}` placeholders
 * filled from `params`. Params are inserted as text, never as markup.
 */
export function messageFor(code: MessageKey, locale = 'en', params: Record<string, string | number> = {}): string {
  const template = catalogs[resolveLanguage(locale)][code] ?? en[code];
  if (template === undefined) return String(code);
  // A value that ends a sentence itself ("15 мая 2021 г.") takes the place of the template's full stop.
  return template.replace(/\{(\w+)\}(\.?)/g, (whole, name: string, stop: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    return stop && value.endsWith('.') ? value : value + stop;
  });
}
