// The words both elements show, per language: the eleven the verifier's messages
// come in (English, French and Spanish here, the others in ui-languages/). The
// element's `lang` (or the nearest ancestor's) picks the table; unknown languages
// fall back to English.
import { resolveLanguage, type Language } from '@pass-check/verifier-core';
import type { ScannerErrorCode } from '../pass-scanner/states.js';
import { bn } from './ui-languages/bn.js';
import { ht } from './ui-languages/ht.js';
import { it } from './ui-languages/it.js';
import { ko } from './ui-languages/ko.js';
import { pl } from './ui-languages/pl.js';
import { ru } from './ui-languages/ru.js';
import { zhHans } from './ui-languages/zh-hans.js';
import { zhHant } from './ui-languages/zh-hant.js';

export interface UiStrings {
  accepted: string;
  rejected: string;
  duplicate: string;
  alreadyScannedAt: (time: string) => string;
  chunksScanned: (have: number, total: number) => string;
  pointCamera: string;
  /** Idle with the camera kept closed (`camera="off"`): what still works. */
  cameraOff: string;
  /** Idle after stop(), or before start(). */
  stopped: string;
  starting: string;
  verifying: string;
  born: string;
  admittedBy: string;
  reason: string;
  tapForNext: string;
  nextIn: (seconds: number) => string;
  switchCamera: string;
  torch: string;
  zoom: string;
  openFile: string;
  pasteText: string;
  verifyText: string;
  cancel: string;
  retry: string;
  engine: (name: string) => string;
  acceptedCount: string;
  rejectedCount: string;
  /** TRUST_STALE's words are in trust-strings.ts. */
  errors: Record<Exclude<ScannerErrorCode, 'TRUST_STALE' | 'NO_VENUE_KEY'>, string>;
  valid: string;
  invalid: string;
  incomplete: string;
  issuer: string;
  kinds: Record<'vaccination' | 'test' | 'recovery' | 'other', string>;
  wallet: string;
  savePass: string;
  deletePass: string;
  noPasses: string;
  show: string;
  /** Before a file of several passes is imported: how many it will add, how many it leaves out. */
  importPreview: (add: number, left: number) => string;
}

const en: UiStrings = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  duplicate: 'Already scanned',
  alreadyScannedAt: (t) => `Already scanned at ${t}`,
  chunksScanned: (h, n) => `${h} of ${n} scanned`,
  pointCamera: 'Point the camera at the QR code',
  cameraOff: 'Camera off: open a photo or paste the pass',
  stopped: 'Scanner stopped',
  starting: 'Starting the camera…',
  verifying: 'Checking…',
  born: 'Born',
  admittedBy: 'Admitted by rule',
  reason: 'Reason',
  tapForNext: 'Tap for the next person',
  nextIn: (s) => `Next scan in ${s} s`,
  switchCamera: 'Switch camera',
  torch: 'Torch',
  zoom: 'Zoom',
  openFile: 'Open a photo or file',
  pasteText: 'Paste text',
  verifyText: 'Check',
  cancel: 'Cancel',
  retry: 'Try again',
  engine: (n) => `Decoder: ${n}`,
  acceptedCount: 'Accepted',
  rejectedCount: 'Rejected',
  errors: {
    PERMISSION_DENIED: 'Camera access was refused. Allow the camera in the browser settings, or open a photo instead.',
    NO_CAMERA: 'No camera was found. Open a photo or paste the text instead.',
    INSECURE_CONTEXT: 'The camera only works on a secure (https) page.',
    CAMERA_BUSY: 'The camera is in use by another app. Close it and try again.',
    STREAM_STALLED: 'The camera stopped sending pictures.',
    CAMERA_FAILED: 'The camera could not be started.',
    DECODER_UNAVAILABLE: 'No QR decoder could be loaded.',
    TRUST_UNAVAILABLE: 'The list of trusted issuers could not be loaded.',
    UNREADABLE_IMAGE: 'No QR code was found in that picture.',
    NO_POLICY: 'No admission policy is set: this scanner admits no one until one is chosen.',
  },
  valid: 'Valid',
  invalid: 'Not valid',
  incomplete: 'Incomplete',
  issuer: 'Issuer',
  kinds: { vaccination: 'Vaccination', test: 'Test', recovery: 'Recovery', other: 'Credential' },
  wallet: 'Saved passes',
  savePass: 'Save',
  deletePass: 'Delete',
  noPasses: 'No saved passes yet.',
  show: 'Show',
  importPreview: (add, left) => `Add ${add} pass${add === 1 ? '' : 'es'} to this device?` + (left ? ` ${left} left out (already saved or over the limit).` : ''),
};

const fr: UiStrings = {
  ...en,
  accepted: 'Accepté',
  rejected: 'Refusé',
  duplicate: 'Déjà scanné',
  alreadyScannedAt: (t) => `Déjà scanné à ${t}`,
  chunksScanned: (h, n) => `${h} sur ${n} scannés`,
  pointCamera: 'Dirigez la caméra vers le code QR',
  cameraOff: 'Caméra éteinte : ouvrez une photo ou collez le pass',
  stopped: 'Lecteur arrêté',
  starting: 'Démarrage de la caméra…',
  verifying: 'Vérification…',
  born: 'Né(e) le',
  admittedBy: 'Admis par la règle',
  reason: 'Motif',
  tapForNext: 'Touchez pour la personne suivante',
  nextIn: (s) => `Prochain scan dans ${s} s`,
  switchCamera: 'Changer de caméra',
  torch: 'Lampe',
  zoom: 'Zoom',
  openFile: 'Ouvrir une photo ou un fichier',
  pasteText: 'Coller le texte',
  verifyText: 'Vérifier',
  cancel: 'Annuler',
  retry: 'Réessayer',
  engine: (n) => `Décodeur : ${n}`,
  acceptedCount: 'Acceptés',
  rejectedCount: 'Refusés',
  errors: {
    PERMISSION_DENIED: 'L’accès à la caméra a été refusé. Autorisez-la dans le navigateur, ou ouvrez une photo.',
    NO_CAMERA: 'Aucune caméra trouvée. Ouvrez une photo ou collez le texte.',
    INSECURE_CONTEXT: 'La caméra ne fonctionne que sur une page sécurisée (https).',
    CAMERA_BUSY: 'La caméra est utilisée par une autre application.',
    STREAM_STALLED: 'La caméra n’envoie plus d’images.',
    CAMERA_FAILED: 'La caméra n’a pas pu démarrer.',
    DECODER_UNAVAILABLE: 'Aucun décodeur QR n’a pu être chargé.',
    TRUST_UNAVAILABLE: 'La liste des émetteurs de confiance n’a pas pu être chargée.',
    UNREADABLE_IMAGE: 'Aucun code QR trouvé dans cette image.',
    NO_POLICY: 'Aucune règle d’admission n’est définie : ce lecteur n’admet personne tant qu’aucune n’est choisie.',
  },
  valid: 'Valide',
  invalid: 'Non valide',
  incomplete: 'Incomplet',
  issuer: 'Émetteur',
  kinds: { vaccination: 'Vaccination', test: 'Test', recovery: 'Rétablissement', other: 'Justificatif' },
  wallet: 'Passes enregistrés',
  savePass: 'Enregistrer',
  deletePass: 'Supprimer',
  noPasses: 'Aucun pass enregistré.',
  show: 'Afficher',
  importPreview: (add, left) => `Ajouter ${add} pass sur cet appareil ?` + (left ? ` ${left} laissé(s) de côté (déjà enregistré(s) ou au-delà de la limite).` : ''),
};

const es: UiStrings = {
  ...en,
  accepted: 'Aceptado',
  rejected: 'Rechazado',
  duplicate: 'Ya escaneado',
  alreadyScannedAt: (t) => `Ya escaneado a las ${t}`,
  chunksScanned: (h, n) => `${h} de ${n} escaneados`,
  pointCamera: 'Apunte la cámara al código QR',
  cameraOff: 'Cámara apagada: abra una foto o pegue el pase',
  stopped: 'Lector detenido',
  starting: 'Iniciando la cámara…',
  verifying: 'Comprobando…',
  born: 'Nacimiento',
  admittedBy: 'Admitido por la regla',
  reason: 'Motivo',
  tapForNext: 'Toque para la siguiente persona',
  nextIn: (s) => `Siguiente escaneo en ${s} s`,
  switchCamera: 'Cambiar cámara',
  torch: 'Linterna',
  openFile: 'Abrir una foto o un archivo',
  pasteText: 'Pegar texto',
  verifyText: 'Comprobar',
  cancel: 'Cancelar',
  retry: 'Reintentar',
  engine: (n) => `Decodificador: ${n}`,
  acceptedCount: 'Aceptados',
  rejectedCount: 'Rechazados',
  errors: {
    PERMISSION_DENIED: 'Se denegó el acceso a la cámara. Permítalo en el navegador o abra una foto.',
    NO_CAMERA: 'No se encontró ninguna cámara. Abra una foto o pegue el texto.',
    INSECURE_CONTEXT: 'La cámara solo funciona en una página segura (https).',
    CAMERA_BUSY: 'Otra aplicación está usando la cámara.',
    STREAM_STALLED: 'La cámara dejó de enviar imágenes.',
    CAMERA_FAILED: 'No se pudo iniciar la cámara.',
    DECODER_UNAVAILABLE: 'No se pudo cargar ningún decodificador QR.',
    TRUST_UNAVAILABLE: 'No se pudo cargar la lista de emisores de confianza.',
    UNREADABLE_IMAGE: 'No se encontró ningún código QR en la imagen.',
    NO_POLICY: 'No hay ninguna regla de admisión: este lector no admite a nadie hasta que se elija una.',
  },
  valid: 'Válido',
  invalid: 'No válido',
  incomplete: 'Incompleto',
  issuer: 'Emisor',
  kinds: { vaccination: 'Vacunación', test: 'Prueba', recovery: 'Recuperación', other: 'Credencial' },
  wallet: 'Pases guardados',
  savePass: 'Guardar',
  deletePass: 'Eliminar',
  noPasses: 'Aún no hay pases guardados.',
  show: 'Mostrar',
  importPreview: (add, left) => `¿Añadir ${add} pase(s) a este dispositivo?` + (left ? ` ${left} se omiten (ya guardados o por encima del límite).` : ''),
};

/** One table per language the verifier's messages come in, so a screen never mixes two. */
const tables: Record<Language, UiStrings> = { en, fr, es, it, pl, ru, ko, ht, bn, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/** The table for a BCP 47 tag, resolved as the verifier resolves it ("fr-CA" → French, "zh-TW" → Traditional Chinese, unknown → English). */
export function stringsFor(lang: string | undefined): UiStrings {
  return tables[resolveLanguage(lang)];
}

/** The language in force for an element: its own `lang`, else the nearest ancestor's, else the document's. */
export function languageOf(element: Element): string {
  const owner = element.closest('[lang]');
  return owner?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
}

/**
 * A locale Intl accepts for dates and times, from the element's language: a malformed `lang`
 * ("en_US", "x", "??") falls back to a well-formed tag instead of throwing a RangeError.
 */
export function formatLocaleOf(element: Element): string {
  const lang = languageOf(element).replace(/_/g, '-');
  try {
    const [canonical] = Intl.getCanonicalLocales(lang);
    if (canonical) return canonical;
  } catch {
    // malformed: fall through
  }
  return resolveLanguage(lang);
}
