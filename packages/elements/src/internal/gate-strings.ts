// Words for a scanner that shares its memory with the venue's other gates, in
// every language the elements speak (a Record over Language: a missing one does
// not compile). Kept plain: what door staff need to read at a glance.
import { resolveLanguage, type Language } from '@pass-check/verifier-core';

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

const it: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Già ammesso al varco ${g}, ${t}`,
  alreadyAdmitted: (g) => `Già ammesso al varco ${g}`,
  noVenueKey: 'Questo varco condivide le scansioni con gli altri varchi ma non ha la chiave della sede: non ammette nessuno finché non viene configurato con il verificatore della sede.',
  offline: (n) => `Offline: gli altri varchi non vedono le scansioni di questo varco (${n} in attesa)`,
  lateDuplicate: (g, t, h) => `Ammesso due volte: un pass ammesso qui alle ${h} è stato ammesso anche al varco ${g}, ${t}`,
  dismiss: 'Chiudi',
};
const pl: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Już wpuszczono przy bramce ${g}, ${t}`,
  alreadyAdmitted: (g) => `Już wpuszczono przy bramce ${g}`,
  noVenueKey: 'Ta bramka dzieli skany z innymi bramkami, ale nie ma klucza obiektu: nikogo nie wpuści, dopóki nie zostanie skonfigurowana z weryfikatorem obiektu.',
  offline: (n) => `Offline: inne bramki nie widzą skanów z tej bramki (oczekuje: ${n})`,
  lateDuplicate: (g, t, h) => `Wpuszczono dwa razy: przepustkę wpuszczoną tutaj o ${h} wpuszczono też przy bramce ${g}, ${t}`,
  dismiss: 'Zamknij',
};
const ru: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Уже пропущен на входе ${g}, ${t}`,
  alreadyAdmitted: (g) => `Уже пропущен на входе ${g}`,
  noVenueKey: 'Этот вход делится сканированиями с другими входами, но у него нет ключа площадки: он никого не пропустит, пока его не настроят с верификатором площадки.',
  offline: (n) => `Нет связи: другие входы не видят сканирования этого входа (в очереди: ${n})`,
  lateDuplicate: (g, t, h) => `Пропущен дважды: пропуск, принятый здесь в ${h}, также принят на входе ${g}, ${t}`,
  dismiss: 'Закрыть',
};
const ht: GateStrings = {
  alreadyAdmittedAt: (g, t) => `Deja antre nan pòtay ${g}, ${t}`,
  alreadyAdmitted: (g) => `Deja antre nan pòtay ${g}`,
  noVenueKey: 'Pòtay sa a pataje eskanè li ak lòt pòtay yo men li pa gen kle lokal la: li p ap kite pèsonn antre jiskaske yo konfigire l ak verifikatè lokal la.',
  offline: (n) => `San koneksyon: lòt pòtay yo pa wè sa yo eskane isit la (${n} ap tann)`,
  lateDuplicate: (g, t, h) => `Antre de fwa: yon pas ki antre isit la a ${h} te antre tou nan pòtay ${g}, ${t}`,
  dismiss: 'Fèmen',
};
const bn: GateStrings = {
  alreadyAdmittedAt: (g, t) => `${g} নম্বর গেটে আগেই প্রবেশ করানো হয়েছে, ${t}`,
  alreadyAdmitted: (g) => `${g} নম্বর গেটে আগেই প্রবেশ করানো হয়েছে`,
  noVenueKey: 'এই গেট অন্য গেটগুলোর সঙ্গে স্ক্যান ভাগ করে, কিন্তু এর কাছে ভেন্যুর কী নেই: ভেন্যুর যাচাইকারী দিয়ে সেট আপ না করা পর্যন্ত এটি কাউকে প্রবেশ করাবে না।',
  offline: (n) => `অফলাইন: অন্য গেটগুলো এই গেটের স্ক্যান দেখতে পাচ্ছে না (${n}টি অপেক্ষায়)`,
  lateDuplicate: (g, t, h) => `দুবার প্রবেশ: এখানে ${h}-এ প্রবেশ করানো একটি পাস ${g} নম্বর গেটেও প্রবেশ করানো হয়েছে, ${t}`,
  dismiss: 'বন্ধ করুন',
};
const ko: GateStrings = {
  alreadyAdmittedAt: (g, t) => `${g}번 게이트에서 이미 입장함, ${t}`,
  alreadyAdmitted: (g) => `${g}번 게이트에서 이미 입장함`,
  noVenueKey: '이 게이트는 다른 게이트와 스캔을 공유하지만 행사장 키가 없습니다. 행사장의 검증기로 설정될 때까지 아무도 입장시키지 않습니다.',
  offline: (n) => `오프라인: 다른 게이트에서 이 게이트의 스캔을 볼 수 없음 (대기 ${n}건)`,
  lateDuplicate: (g, t, h) => `두 번 입장: 여기서 ${h}에 입장한 패스가 ${g}번 게이트에서도 입장함, ${t}`,
  dismiss: '닫기',
};
const zhHans: GateStrings = {
  alreadyAdmittedAt: (g, t) => `已在 ${g} 号闸口入场，${t}`,
  alreadyAdmitted: (g) => `已在 ${g} 号闸口入场`,
  noVenueKey: '本闸口与其他闸口共享扫描记录，但没有场馆密钥：在使用场馆的验证器完成设置之前，不放行任何人。',
  offline: (n) => `离线：其他闸口看不到本闸口的扫描（${n} 条待发送）`,
  lateDuplicate: (g, t, h) => `重复入场：在此处于 ${h} 入场的通行证也在 ${g} 号闸口入场，${t}`,
  dismiss: '关闭',
};
const zhHant: GateStrings = {
  alreadyAdmittedAt: (g, t) => `已在 ${g} 號閘口入場，${t}`,
  alreadyAdmitted: (g) => `已在 ${g} 號閘口入場`,
  noVenueKey: '本閘口與其他閘口共享掃描紀錄，但沒有場館金鑰：在使用場館的驗證器完成設定之前，不放行任何人。',
  offline: (n) => `離線：其他閘口看不到本閘口的掃描（${n} 筆待傳送）`,
  lateDuplicate: (g, t, h) => `重複入場：在此處於 ${h} 入場的通行證也在 ${g} 號閘口入場，${t}`,
  dismiss: '關閉',
};

const byLanguage: Record<Language, GateStrings> = { en, fr, es, it, pl, ru, ht, bn, ko, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

export function gateStringsFor(lang: string | undefined): GateStrings {
  return byLanguage[resolveLanguage(lang)] ?? en;
}
