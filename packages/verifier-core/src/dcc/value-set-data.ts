// The EU DCC value sets as published by the eHealth Network (eu-dcc-valuesets), codes only: the
// built-in default a trust bundle's `dccValueSets` extends. Data, not code: each list is the published
// set's `valueSetValues` keys, withdrawn codes (active: false) included, because a pass issued while a
// code was in use stays a well-formed pass (see docs/notes/dcc-rules.md).
//
// Sources (valueSetDate): vaccines-covid-19-names 2022-01-26 plus release 2.9 (EU/1/21/1624) and 2.10
// (EU/1/21/1580); vaccines-covid-19-auth-holders 2022-01-26; sct-vaccines-covid-19 2023-01-25 (release
// 2.11); covid-19-lab-test-manufacturer-and-name 2021-06-30 (the JRC common list as the repository
// last published it; newer lists come in bundles); disease-agent-targeted, covid-19-lab-test-type,
// covid-19-lab-result and country-2-codes (ISO 3166-1 alpha-2 plus XK) as in every release.

/** Value set id → its codes. The ids are the EU's, as CertLogic rules name them (`external.valueSets`). */
export type DccValueSetCodes = Record<string, readonly string[]>;

/** Which built-in data this is: the newest valueSetDate among the sets. */
export const BUILTIN_DCC_VALUE_SETS_VERSION = '2023-01-25';

export const BUILTIN_DCC_VALUE_SETS: DccValueSetCodes = {
  'country-2-codes': [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW",
    "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN",
    "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG",
    "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
    "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI",
    "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
    "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR",
    "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
    "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
    "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU",
    "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
    "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR",
    "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD",
    "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
    "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
    "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
  ],
  'disease-agent-targeted': [
    "840539006",
  ],
  'covid-19-lab-test-type': [
    "LP6464-4", "LP217198-3",
  ],
  'covid-19-lab-result': [
    "260415000", "260373001",
  ],
  'covid-19-lab-test-manufacturer-and-name': [
    "308", "344", "345", "768", "1065", "1097", "1114", "1144",
    "1162", "1173", "1180", "1190", "1199", "1201", "1215", "1218",
    "1223", "1225", "1232", "1236", "1242", "1244", "1253", "1257",
    "1263", "1266", "1267", "1268", "1271", "1278", "1295", "1296",
    "1304", "1319", "1331", "1333", "1341", "1343", "1360", "1363",
    "1365", "1375", "1392", "1420", "1437", "1443", "1456", "1466",
    "1468", "1481", "1484", "1489", "1490", "1501", "1574", "1604",
    "1606", "1654", "1736", "1747", "1763", "1764", "1767", "1769",
    "1815", "1822", "1833", "1844", "1870", "1884", "1906", "1919",
    "1934", "2010", "2017", "2029", "2074", "2098", "2101", "2103",
    "2104", "2108", "2109", "2116", "2128", "2130", "2139", "2183",
  ],
  'vaccines-covid-19-names': [
    "EU/1/20/1528", "EU/1/20/1507", "EU/1/21/1529", "EU/1/20/1525", "CVnCoV", "NVX-CoV2373", "Sputnik-V", "Convidecia",
    "EpiVacCorona", "BBIBP-CorV", "Inactivated-SARS-CoV-2-Vero-Cell", "CoronaVac", "Covaxin", "Covishield", "Covid-19-recombinant", "R-COVI",
    "CoviVac", "Sputnik-Light", "Hayat-Vax", "Abdala", "WIBP-CorV", "MVC-COV1901", "EU/1/21/1618", "Covovax",
    "Vidprevtyn", "VLA2001", "EpiVacCorona-N", "Sputnik-M", "Covid-19-adsorvida-inativada", "NVSI-06-08", "YS-SC2-010", "SCTV01C",
    "Covifenz", "AZD2816", "Soberana-02", "Soberana-Plus", "EU/1/21/1624", "EU/1/21/1580",
  ],
  'vaccines-covid-19-auth-holders': [
    "ORG-100001699", "ORG-100030215", "ORG-100001417", "ORG-100031184", "ORG-100006270", "ORG-100013793", "ORG-100020693", "ORG-100010771",
    "ORG-100024420", "ORG-100032020", "Gamaleya-Research-Institute", "Vector-Institute", "Sinovac-Biotech", "Bharat-Biotech", "ORG-100001981", "Fiocruz",
    "ORG-100007893", "Chumakov-Federal-Scientific-Center", "ORG-100023050", "CIGB", "Sinopharm-WIBP", "ORG-100033914", "ORG-100000788", "ORG-100036422",
    "Instituto-Butantan", "NVSI", "Yisheng-Biopharma", "ORG-100026614", "ORG-100008549", "Finlay-Institute",
  ],
  'sct-vaccines-covid-19': [
    "1119305005", "1119349007", "J07BX03", "1162643001", "1157024006", "29061000087103", "28531000087107", "30141000087107",
    "1187593009",
  ],
};
