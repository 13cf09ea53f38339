// Words for trust freshness: the staff banner and the TRUST_STALE screen. English,
// French and Spanish here; other languages fall back to English until translated.
import { resolveLanguage } from '@pass-check/verifier-core';

export interface TrustStrings {
  /** The TRUST_STALE screen: says plainly the visitor is not at fault, and what staff can do. */
  stale: string;
  /** Staff banner when the bundle is older than `trust-warn-age`. */
  banner: (age: string) => string;
  /** A bundle that does not say when it was built. */
  unknownAge: string;
  hours: (n: number) => string;
  days: (n: number) => string;
}

const en: TrustStrings = {
  stale: "The list of trusted issuers on this device is out of date, so passes cannot be checked right now. This is not a problem with the visitor's pass. Staff: connect this device to the network, then tap Try again.",
  banner: (age) => `Staff: the trust list is ${age} old. Check this device's network connection.`,
  unknownAge: 'of unknown age',
  hours: (n) => `${n} ${n === 1 ? 'hour' : 'hours'}`,
  days: (n) => `${n} ${n === 1 ? 'day' : 'days'}`,
};

const fr: TrustStrings = {
  stale: "La liste des émetteurs de confiance de cet appareil n'est plus à jour : aucun pass ne peut être vérifié pour l'instant. Le pass du visiteur n'est pas en cause. Personnel : connectez l'appareil au réseau, puis touchez Réessayer.",
  banner: (age) => `Personnel : la liste de confiance date de ${age}. Vérifiez la connexion de cet appareil.`,
  unknownAge: "d'un âge inconnu",
  hours: (n) => `${n} h`,
  days: (n) => `${n} ${n === 1 ? 'jour' : 'jours'}`,
};

const es: TrustStrings = {
  stale: 'La lista de emisores de confianza de este dispositivo está desactualizada, así que ahora no se pueden comprobar pases. No es un problema del pase del visitante. Personal: conecte el dispositivo a la red y toque Reintentar.',
  banner: (age) => `Personal: la lista de confianza tiene ${age}. Compruebe la conexión de este dispositivo.`,
  unknownAge: 'una antigüedad desconocida',
  hours: (n) => `${n} ${n === 1 ? 'hora' : 'horas'}`,
  days: (n) => `${n} ${n === 1 ? 'día' : 'días'}`,
};

const tables: Partial<Record<string, TrustStrings>> = { en, fr, es };

export function trustStringsFor(lang: string | undefined): TrustStrings {
  return tables[resolveLanguage(lang)] ?? en;
}

/** "20 hours", "3 days": how old a bundle is, for the banner. */
export function formatAge(ms: number, s: TrustStrings): string {
  if (!Number.isFinite(ms)) return s.unknownAge;
  const hours = Math.floor(ms / 3_600_000);
  return hours < 48 ? s.hours(hours) : s.days(Math.floor(hours / 24));
}
