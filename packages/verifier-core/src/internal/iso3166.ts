// ISO 3166-1 country codes, alpha-2 → alpha-3 (published by ISO; the 249 officially
// assigned codes), plus ICAO Doc 9303-3's specimen state Utopia (UT/UTO), which
// ICAO's own examples and the test kit use. Certificates name their country in
// alpha-2 (X.520 countryName); ICAO seals name their issuing state in alpha-3.
// Packed to keep pass-check.js small: each entry is the alpha-2 code, then either
// one lower-case letter (the alpha-3 code is the alpha-2 code and that letter) or
// the whole alpha-3 code. "ADn" is AD → AND, "AEARE" is AE → ARE.
const CODES =
  'ADANDAEAREAFgAGATGAIaALbAMARMAOAGOAQATAARgASmATAUTAUsAWABWAXALAAZeBABIHBBBRBBDBGDBElBFaBGrBHrBIB'
  + 'DIBJBENBLmBMuBNBRNBOlBQBESBRaBSBHSBTnBVtBWaBYBLRBZBLZCAnCCkCDCODCFCAFCGCOGCHeCIvCKCOKCLCHLCMrCNC'
  + 'HNCOlCRiCUbCVCPVCWCUWCXrCYpCZeDEuDJiDKDNKDMaDOmDZaECuEEESTEGyEHESHERiESpEThFInFJiFKFLKFMFSMFOFRO'
  + 'FRaGAbGBrGDGRDGEoGFGUFGGyGHaGIbGLGRLGMbGNGINGPGLPGQGNQGRcGSSGSGTmGUmGWGNBGYGUYHKgHMdHNdHRvHTiHUn'
  + 'IDnIEIRLILISRIMnINdIOtIQIRQIRnISlITaJEyJMJAMJOrJPnKEnKGzKHmKIrKMCOMKNaKPPRKKRKORKWtKYCYMKZKAZLAo'
  + 'LBnLCaLIeLKaLRLBRLSoLTuLUxLVaLYLBYMArMCoMDaMEMNEMFMAFMGMDGMHlMKdMLiMMrMNgMOMACMPMNPMQMTQMRtMSrMT'
  + 'MLTMUsMVMDVMWiMXMEXMYsMZMOZNAmNClNErNFkNGaNIcNLdNOrNPlNRuNUNIUNZlOMnPAnPErPFPYFPGPNGPHlPKPAKPLPO'
  + 'LPMSPMPNPCNPRiPSePTPRTPWPLWPYPRYQAtREuROuRSSRBRUsRWaSAuSBSLBSCSYCSDnSESWESGpSHnSISVNSJmSKSVKSLeS'
  + 'MrSNSENSOmSRSURSSdSTpSVSLVSXmSYrSZSWZTCaTDTCDTFATFTGoTHaTJkTKlTLsTMTKMTNTUNTOnTRTURTToTVTUVTWnTZ'
  + 'aUAUKRUGaUMiUSaUYURYUZbVAtVCtVEnVGbVIrVNmVUtWFWLFWSmYEmYTMYTZAfZMbZWeUTo';

function unpack(codes: string): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < codes.length;) {
    const two = codes.slice(i, i + 2);
    const next = codes[i + 2];
    if (next >= 'a' && next <= 'z') {
      map.set(two, two + next.toUpperCase());
      i += 3;
    } else {
      map.set(two, codes.slice(i + 2, i + 5));
      i += 5;
    }
  }
  return map;
}

const ALPHA3_OF = unpack(CODES);
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
