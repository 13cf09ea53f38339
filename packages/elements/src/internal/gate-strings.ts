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

type Words = Omit<GateStrings, 'alreadyAdmittedAt'>;
/** "Already admitted at gate 3" and ", 09:02": the timed line is the untimed one and the time. */
const withTime = (words: Words, separator = ', '): GateStrings => ({ ...words, alreadyAdmittedAt: (g, t) => words.alreadyAdmitted(g) + separator + t });

const en = withTime({
  alreadyAdmitted: (g) => `Already admitted at gate ${g}`,
  noVenueKey: 'Gate not set up: no venue key, so it admits no one.',
  offline: (n) => `Offline: other gates cannot see this gate's scans (${n} waiting)`,
  lateDuplicate: (g, t, h) => `Admitted twice: a pass let in here at ${h} was also let in at gate ${g}, ${t}`,
  dismiss: 'Dismiss',
});
const fr = withTime({
  alreadyAdmitted: (g) => `Déjà admis à la porte ${g}`,
  noVenueKey: 'Porte non configurée : sans clé du lieu, elle n’admet personne.',
  offline: (n) => `Hors ligne : les autres portes ne voient pas les scans d'ici (${n} en attente)`,
  lateDuplicate: (g, t, h) => `Admis deux fois : un pass admis ici à ${h} l'a aussi été à la porte ${g}, ${t}`,
  dismiss: 'Fermer',
});
const es = withTime({
  alreadyAdmitted: (g) => `Ya admitido en la puerta ${g}`,
  noVenueKey: 'Puerta sin configurar: sin clave del recinto no admite a nadie.',
  offline: (n) => `Sin conexión: las otras puertas no ven lo escaneado aquí (${n} pendientes)`,
  lateDuplicate: (g, t, h) => `Admitido dos veces: un pase admitido aquí a las ${h} también entró por la puerta ${g}, ${t}`,
  dismiss: 'Cerrar',
});

const it = withTime({
  alreadyAdmitted: (g) => `Già ammesso al varco ${g}`,
  noVenueKey: 'Varco non configurato: senza chiave della sede non ammette nessuno.',
  offline: (n) => `Offline: gli altri varchi non vedono le scansioni di questo varco (${n} in attesa)`,
  lateDuplicate: (g, t, h) => `Ammesso due volte: un pass ammesso qui alle ${h} è stato ammesso anche al varco ${g}, ${t}`,
  dismiss: 'Chiudi',
});
const pl = withTime({
  alreadyAdmitted: (g) => `Już wpuszczono przy bramce ${g}`,
  noVenueKey: 'Bramka nieskonfigurowana: bez klucza obiektu nikogo nie wpuszcza.',
  offline: (n) => `Offline: inne bramki nie widzą skanów z tej bramki (oczekuje: ${n})`,
  lateDuplicate: (g, t, h) => `Wpuszczono dwa razy: przepustkę wpuszczoną tutaj o ${h} wpuszczono też przy bramce ${g}, ${t}`,
  dismiss: 'Zamknij',
});
const ru = withTime({
  alreadyAdmitted: (g) => `Уже пропущен на входе ${g}`,
  noVenueKey: 'Вход не настроен: без ключа площадки он никого не пропускает.',
  offline: (n) => `Нет связи: другие входы не видят сканирования этого входа (в очереди: ${n})`,
  lateDuplicate: (g, t, h) => `Пропущен дважды: пропуск, принятый здесь в ${h}, также принят на входе ${g}, ${t}`,
  dismiss: 'Закрыть',
});
const ht = withTime({
  alreadyAdmitted: (g) => `Deja antre nan pòtay ${g}`,
  noVenueKey: 'Pòtay la pa konfigire: san kle lokal la, li pa kite pèsonn antre.',
  offline: (n) => `San koneksyon: lòt pòtay yo pa wè sa yo eskane isit la (${n} ap tann)`,
  lateDuplicate: (g, t, h) => `Antre de fwa: yon pas ki antre isit la a ${h} te antre tou nan pòtay ${g}, ${t}`,
  dismiss: 'Fèmen',
});
const bn = withTime({
  alreadyAdmitted: (g) => `${g} নম্বর গেটে আগেই প্রবেশ করানো হয়েছে`,
  noVenueKey: 'গেট সেট আপ হয়নি: ভেন্যুর কী ছাড়া এটি কাউকে প্রবেশ করায় না।',
  offline: (n) => `অফলাইন: অন্য গেটগুলো এই গেটের স্ক্যান দেখতে পাচ্ছে না (${n}টি অপেক্ষায়)`,
  lateDuplicate: (g, t, h) => `দুবার প্রবেশ: এখানে ${h}-এ প্রবেশ করানো একটি পাস ${g} নম্বর গেটেও প্রবেশ করানো হয়েছে, ${t}`,
  dismiss: 'বন্ধ করুন',
});
const ko = withTime({
  alreadyAdmitted: (g) => `${g}번 게이트에서 이미 입장함`,
  noVenueKey: '게이트가 설정되지 않음: 행사장 키가 없어 아무도 입장시키지 않습니다.',
  offline: (n) => `오프라인: 다른 게이트에서 이 게이트의 스캔을 볼 수 없음 (대기 ${n}건)`,
  lateDuplicate: (g, t, h) => `두 번 입장: 여기서 ${h}에 입장한 패스가 ${g}번 게이트에서도 입장함, ${t}`,
  dismiss: '닫기',
});
const zhHans = withTime({
  alreadyAdmitted: (g) => `已在 ${g} 号闸口入场`,
  noVenueKey: '闸口未设置：没有场馆密钥，不放行任何人。',
  offline: (n) => `离线：其他闸口看不到本闸口的扫描（${n} 条待发送）`,
  lateDuplicate: (g, t, h) => `重复入场：在此处于 ${h} 入场的通行证也在 ${g} 号闸口入场，${t}`,
  dismiss: '关闭',
}, '，');
const zhHant = withTime({
  alreadyAdmitted: (g) => `已在 ${g} 號閘口入場`,
  noVenueKey: '閘口未設定：沒有場館金鑰，不放行任何人。',
  offline: (n) => `離線：其他閘口看不到本閘口的掃描（${n} 筆待傳送）`,
  lateDuplicate: (g, t, h) => `重複入場：在此處於 ${h} 入場的通行證也在 ${g} 號閘口入場，${t}`,
  dismiss: '關閉',
}, '，');

const byLanguage: Record<Language, GateStrings> = { en, fr, es, it, pl, ru, ht, bn, ko, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

export function gateStringsFor(lang: string | undefined): GateStrings {
  return byLanguage[resolveLanguage(lang)] ?? en;
}
