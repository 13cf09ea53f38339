// ISO 3166-1 country codes, alpha-2 → alpha-3 (published by ISO; the 249 officially
// assigned codes), plus ICAO Doc 9303-3's specimen state Utopia (UT/UTO), which
// ICAO's own examples and the test kit use. Certificates name their country in
// alpha-2 (X.520 countryName); ICAO seals name their issuing state in alpha-3.
const PAIRS =
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE '
  + 'BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS '
  + 'BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN '
  + 'COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST '
  + 'EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF '
  + 'GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD '
  + 'HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM '
  + 'JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA '
  + 'LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD '
  + 'MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM '
  + 'NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG '
  + 'PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA '
  + 'SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD '
  + 'STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON '
  + 'TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR '
  + 'VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE UTUTO';

const ALPHA3_OF = new Map<string, string>(PAIRS.split(' ').map((p) => [p.slice(0, 2), p.slice(2)]));
const ALPHA3 = new Set(ALPHA3_OF.values());

/** Number of codes known (ISO's 249 and Utopia). */
export const KNOWN_COUNTRY_CODES = ALPHA3_OF.size;

/**
 * The alpha-3 code of an alpha-2 or alpha-3 country code, or undefined when it is
 * not an assigned code: a country that cannot be named is never taken to match.
 */
export function alpha3Of(code: string): string | undefined {
  if (code.length === 2) return ALPHA3_OF.get(code);
  return code.length === 3 && ALPHA3.has(code) ? code : undefined;
}

/**
 * The ISO alpha-3 code of a state as an ICAO document names it (Doc 9303-3 §5):
 * ICAO's three-letter codes are ISO 3166 alpha-3 except Germany, which is "D",
 * written "D<<" in a three-character field such as a seal's `hdr.is`. Other ICAO-only codes (EUE, UNO, XOM,
 * GBD…) name no single ISO country and give undefined: such a state is never
 * taken to match a certificate's country.
 */
export function icaoStateOf(code: string): string | undefined {
  if (code === 'D<<') return 'DEU';
  return code.length === 3 ? alpha3Of(code) : undefined;
}

/** The alpha-2 code of an assigned alpha-3 code (for the test kit's certificates). */
export function alpha2Of(alpha3: string): string | undefined {
  for (const [two, three] of ALPHA3_OF) if (three === alpha3) return two;
  return undefined;
}
