// Words for trust freshness: the staff banner and the TRUST_STALE screen, in every
// language the elements speak (a Record over Language: a missing one does not
// compile). The stale screen names the retry button by its label in that language.
import { resolveLanguage, type Language } from '@pass-check/verifier-core';

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
  stale: "The list of trusted issuers on this device is out of date, so passes cannot be checked. This is not a problem with the visitor's pass. Staff: connect this device to the network, then tap Try again.",
  banner: (age) => `Staff: the trust list is ${age} old. Check this device's network connection.`,
  unknownAge: 'of unknown age',
  hours: (n) => `${n} ${n === 1 ? 'hour' : 'hours'}`,
  days: (n) => `${n} ${n === 1 ? 'day' : 'days'}`,
};

const fr: TrustStrings = {
  stale: "La liste des émetteurs de confiance de cet appareil n'est plus à jour : aucun pass ne peut être vérifié. Le pass du visiteur n'est pas en cause. Personnel : connectez l'appareil au réseau, puis touchez Réessayer.",
  banner: (age) => `Personnel : la liste de confiance date de ${age}. Vérifiez la connexion de cet appareil.`,
  unknownAge: "d'un âge inconnu",
  hours: (n) => `${n} h`,
  days: (n) => `${n} ${n === 1 ? 'jour' : 'jours'}`,
};

const es: TrustStrings = {
  stale: 'La lista de emisores de confianza de este dispositivo está desactualizada, así que no se pueden comprobar pases. No es un problema del pase del visitante. Personal: conecte el dispositivo a la red y toque Reintentar.',
  banner: (age) => `Personal: la lista de confianza tiene ${age}. Compruebe la conexión de este dispositivo.`,
  unknownAge: 'una antigüedad desconocida',
  hours: (n) => `${n} ${n === 1 ? 'hora' : 'horas'}`,
  days: (n) => `${n} ${n === 1 ? 'día' : 'días'}`,
};

const it: TrustStrings = {
  stale: "L'elenco degli emittenti attendibili su questo dispositivo non è aggiornato, quindi non è possibile verificare i pass. Non è un problema del pass del visitatore. Personale: collegate il dispositivo alla rete, poi toccate Riprova.",
  banner: (age) => `Personale: l'elenco di fiducia ha ${age}. Controllate la connessione di questo dispositivo.`,
  unknownAge: "un'età sconosciuta",
  hours: (n) => `${n} ${n === 1 ? 'ora' : 'ore'}`,
  days: (n) => `${n} ${n === 1 ? 'giorno' : 'giorni'}`,
};

// Polish plurals: 1; 2–4 (not 12–14); otherwise.
const plural = (n: number, one: string, few: string, many: string): string =>
  n === 1 ? one : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;

const pl: TrustStrings = {
  stale: 'Lista zaufanych wystawców na tym urządzeniu jest nieaktualna, więc nie można sprawdzać przepustek. To nie jest problem z przepustką gościa. Obsługa: połącz urządzenie z siecią, a następnie dotknij Spróbuj ponownie.',
  banner: (age) => `Obsługa: lista zaufania ma ${age}. Sprawdź połączenie sieciowe tego urządzenia.`,
  unknownAge: 'nieznany wiek',
  hours: (n) => `${n} ${plural(n, 'godzinę', 'godziny', 'godzin')}`,
  days: (n) => `${n} ${n === 1 ? 'dzień' : 'dni'}`,
};

// Russian plurals: 1 (not 11); 2–4 (not 12–14); otherwise.
const ruPlural = (n: number, one: string, few: string, many: string): string =>
  n % 10 === 1 && n % 100 !== 11 ? one : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;

const ru: TrustStrings = {
  stale: 'Список доверенных издателей на этом устройстве устарел, поэтому проверить пропуска нельзя. Пропуск посетителя здесь ни при чём. Персонал: подключите устройство к сети и нажмите «Повторить».',
  banner: (age) => `Персонал: списку доверия ${age}. Проверьте подключение этого устройства к сети.`,
  unknownAge: 'неизвестно сколько времени',
  hours: (n) => `${n} ${ruPlural(n, 'час', 'часа', 'часов')}`,
  days: (n) => `${n} ${ruPlural(n, 'день', 'дня', 'дней')}`,
};

const ht: TrustStrings = {
  stale: 'Lis emetè ou ka fè konfyans sou aparèy sa a pa ajou, kidonk yo pa ka verifye pas. Se pa yon pwoblèm ak pas vizitè a. Anplwaye: konekte aparèy la sou rezo a, epi peze Eseye ankò.',
  banner: (age) => `Anplwaye: lis konfyans lan gen ${age}. Verifye koneksyon rezo aparèy sa a.`,
  unknownAge: 'yon laj ou pa konnen',
  hours: (n) => `${n} èdtan`,
  days: (n) => `${n} jou`,
};

const bn: TrustStrings = {
  stale: 'এই ডিভাইসে বিশ্বস্ত ইস্যুকারীদের তালিকা পুরোনো হয়ে গেছে, তাই কোনো পাস যাচাই করা যাবে না। এটি দর্শনার্থীর পাসের কোনো সমস্যা নয়। কর্মী: ডিভাইসটি নেটওয়ার্কে যুক্ত করুন, তারপর আবার চেষ্টা করুন-এ ট্যাপ করুন।',
  banner: (age) => `কর্মী: বিশ্বস্ত তালিকাটি ${age} পুরোনো। এই ডিভাইসের নেটওয়ার্ক সংযোগ দেখুন।`,
  unknownAge: 'অজানা সময়ের',
  hours: (n) => `${n} ঘণ্টা`,
  days: (n) => `${n} দিন`,
};

const ko: TrustStrings = {
  stale: '이 기기의 신뢰할 수 있는 발급기관 목록이 오래되어 패스를 확인할 수 없습니다. 방문자의 패스 문제가 아닙니다. 직원: 기기를 네트워크에 연결한 다음 다시 시도를 누르세요.',
  banner: (age) => `직원: 신뢰 목록이 ${age} 지났습니다. 이 기기의 네트워크 연결을 확인하세요.`,
  unknownAge: '얼마나 되었는지 알 수 없는 시간이',
  hours: (n) => `${n}시간`,
  days: (n) => `${n}일`,
};

const zhHans: TrustStrings = {
  stale: '本设备上的可信签发机构列表已过期，无法验证通行证。这不是访客通行证的问题。工作人员：请将本设备连接到网络，然后点按“重试”。',
  banner: (age) => `工作人员：信任列表已有${age}未更新。请检查本设备的网络连接。`,
  unknownAge: '未知时间',
  hours: (n) => `${n} 小时`,
  days: (n) => `${n} 天`,
};

const zhHant: TrustStrings = {
  stale: '本裝置上的可信簽發機構清單已過期，無法驗證通行證。這不是訪客通行證的問題。工作人員：請將本裝置連上網路，然後點選「重試」。',
  banner: (age) => `工作人員：信任清單已有${age}未更新。請檢查本裝置的網路連線。`,
  unknownAge: '未知時間',
  hours: (n) => `${n} 小時`,
  days: (n) => `${n} 天`,
};

const tables: Record<Language, TrustStrings> = { en, fr, es, it, pl, ru, ht, bn, ko, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

export function trustStringsFor(lang: string | undefined): TrustStrings {
  return tables[resolveLanguage(lang)] ?? en;
}

/** "20 hours", "3 days": how old a bundle is, for the banner. */
export function formatAge(ms: number, s: TrustStrings): string {
  if (!Number.isFinite(ms)) return s.unknownAge;
  const hours = Math.floor(ms / 3_600_000);
  return hours < 48 ? s.hours(hours) : s.days(Math.floor(hours / 24));
}
