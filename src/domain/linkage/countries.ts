/**
 * Country aliases for the citizenship field: every ISO 3166-1 country by its
 * alpha-2 and alpha-3 code and its name in the four UI languages (en, fr, it,
 * sk, from the runtime's CLDR data via Intl.DisplayNames), plus a few endonyms
 * and transliterated names organisations write. All map to the alpha-2 code.
 */

/** ISO 3166-1 alpha-2 → alpha-3. */
const ALPHA3 =
  'AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT AU:AUS AW:ABW AX:ALA ' +
  'AZ:AZE BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN BO:BOL BQ:BES ' +
  'BR:BRA BS:BHS BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ CA:CAN CC:CCK CD:COD CF:CAF CG:COG CH:CHE CI:CIV CK:COK ' +
  'CL:CHL CM:CMR CN:CHN CO:COL CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE DE:DEU DJ:DJI DK:DNK DM:DMA ' +
  'DO:DOM DZ:DZA EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH FI:FIN FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA ' +
  'GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS ' +
  'GT:GTM GU:GUM GW:GNB GY:GUY HK:HKG HM:HMD HN:HND HR:HRV HT:HTI HU:HUN ID:IDN IE:IRL IL:ISR IM:IMN IN:IND ' +
  'IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA JE:JEY JM:JAM JO:JOR JP:JPN KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA ' +
  'KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ LA:LAO LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA ' +
  'LY:LBY MA:MAR MC:MCO MD:MDA ME:MNE MF:MAF MG:MDG MH:MHL MK:MKD ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ ' +
  'MR:MRT MS:MSR MT:MLT MU:MUS MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC ' +
  'NL:NLD NO:NOR NP:NPL NR:NRU NU:NIU NZ:NZL OM:OMN PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM ' +
  'PN:PCN PR:PRI PS:PSE PT:PRT PW:PLW PY:PRY QA:QAT RE:REU RO:ROU RS:SRB RU:RUS RW:RWA SA:SAU SB:SLB SC:SYC ' +
  'SD:SDN SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR SN:SEN SO:SOM SR:SUR SS:SSD ST:STP SV:SLV ' +
  'SX:SXM SY:SYR SZ:SWZ TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON TR:TUR ' +
  'TT:TTO TV:TUV TW:TWN TZ:TZA UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB VA:VAT VC:VCT VE:VEN VG:VGB VI:VIR ' +
  'VN:VNM VU:VUT WF:WLF WS:WSM YE:YEM YT:MYT ZA:ZAF ZM:ZMB ZW:ZWE XK:XKX';

/** Names organisations write that CLDR does not list, already folded (see foldCountry). */
const EXTRA: Readonly<Record<string, string>> = {
  shqiperia: 'al',
  ukraina: 'ua',
  ukrayina: 'ua',
  bulgariya: 'bg',
  balgariya: 'bg',
  ellada: 'gr',
  hellas: 'gr',
  'viet nam': 'vn',
  'republic of moldova': 'md',
  'republica moldova': 'md',
  romania: 'ro',
  deutschland: 'de',
  'great britain': 'gb',
  england: 'gb',
  'united states of america': 'us',
  usa: 'us',
  'russian federation': 'ru',
  rossiya: 'ru',
  'czech republic': 'cz',
  'slovak republic': 'sk',
  'slovenska republika': 'sk',
  turkiye: 'tr',
  polska: 'pl',
  magyarorszag: 'hu',
  hrvatska: 'hr',
  srbija: 'rs',
  'cote d ivoire': 'ci',
};

/** Lower case, no accents, letters and single spaces only. */
export function foldCountry(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z ]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export const COUNTRY_LANGUAGES = ['en', 'fr', 'it', 'sk'] as const;

let aliases: Map<string, string> | undefined;

/** Folded alias → lower-case alpha-2, built once. */
export function countryAliases(): ReadonlyMap<string, string> {
  if (aliases) return aliases;
  const map = new Map<string, string>();
  const names = COUNTRY_LANGUAGES.map((lang) => new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));
  for (const entry of ALPHA3.split(' ')) {
    const [alpha2, alpha3] = entry.split(':');
    const code = alpha2.toLowerCase();
    map.set(alpha3.toLowerCase(), code);
    for (const display of names) {
      const name = display.of(alpha2);
      if (name) map.set(foldCountry(name), code);
    }
  }
  for (const [alias, code] of Object.entries(EXTRA)) map.set(alias, code);
  // Two-letter codes map to themselves, and win over any two-letter name.
  for (const entry of ALPHA3.split(' ')) map.set(entry.slice(0, 2).toLowerCase(), entry.slice(0, 2).toLowerCase());
  aliases = map;
  return map;
}

/** The alpha-2 code (lower case) of a folded country name or code, undefined when unknown. */
export const countryCodeOf = (folded: string): string | undefined => countryAliases().get(folded);
