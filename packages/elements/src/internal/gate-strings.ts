// Words for a scanner that shares its memory with the venue's other gates.
// English, French and Spanish; other languages fall back to English for now.
import { resolveLanguage } from '@pass-check/verifier-core';

export interface GateStrings {
  alreadyAdmittedAt: (gate: string, time: string) => string;
  /** The venue memory said "not first" without a usable time. */
  alreadyAdmitted: (gate: string) => string;
  /** NO_VENUE_KEY: a gate sync needs a verifier made with the venue's passIdKey. */
  noVenueKey: string;
  offline: (pending: number) => string;
  lateDuplicate: (gate: string, time: string, hereTime: string) => string;
  dismiss: string;
}

const en: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Already admitted at gate ${g}, ${t}`,
  alreadyAdmitted: (g) => `Already admitted at gate ${g}`,
  noVenueKey: 'This gate shares its scans with the other gates but has no venue key: it admits no one until it is set up with the venue’s verifier.',
  offline: (n) => `Offline: other gates cannot see this gate's scans (${n} waiting)`,
  lateDuplicate: (g, t, h) => `Admitted twice: a pass let in here at ${h} was also let in at gate ${g}, ${t}`,
  dismiss: 'Dismiss',
};
const fr: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Déjà admis à la porte ${g}, ${t}`,
  alreadyAdmitted: (g) => `Déjà admis à la porte ${g}`,
  noVenueKey: 'Cette porte partage ses scans avec les autres mais n’a pas la clé du lieu : elle n’admet personne tant qu’elle n’est pas configurée avec le vérificateur du lieu.',
  offline: (n) => `Hors ligne : les autres portes ne voient pas les scans d'ici (${n} en attente)`,
  lateDuplicate: (g, t, h) => `Admis deux fois : un pass admis ici à ${h} l'a aussi été à la porte ${g}, ${t}`,
  dismiss: 'Fermer',
};
const es: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Ya admitido en la puerta ${g}, ${t}`,
  alreadyAdmitted: (g) => `Ya admitido en la puerta ${g}`,
  noVenueKey: 'Esta puerta comparte sus escaneos con las demás pero no tiene la clave del recinto: no admite a nadie hasta que se configure con el verificador del recinto.',
  offline: (n) => `Sin conexión: las otras puertas no ven lo escaneado aquí (${n} pendientes)`,
  lateDuplicate: (g, t, h) => `Admitido dos veces: un pase admitido aquí a las ${h} también entró por la puerta ${g}, ${t}`,
  dismiss: 'Cerrar',
};

export function gateStringsFor(lang: string | undefined): GateStrings {
  const language = resolveLanguage(lang);
  return language === 'fr' ? fr : language === 'es' ? es : en;
}
