/** A partner's sales region from its country, when the files name no region. */
import type { REGIONS } from './entities';

type Region = (typeof REGIONS)[number];

const BY_COUNTRY: Record<string, Region> = {};
const add = (region: Region, names: string[]) => {
  for (const n of names) BY_COUNTRY[n] = region;
};
add('NA', ['united states', 'usa', 'us', 'united states of america', 'canada', 'ca']);
add('LATAM', ['mexico', 'brazil', 'brasil', 'argentina', 'chile', 'colombia', 'peru', 'uruguay', 'costa rica', 'panama', 'mx', 'br', 'ar', 'cl', 'co']);
add('EMEA', [
  'united kingdom', 'uk', 'gb', 'great britain', 'england', 'ireland', 'france', 'fr', 'germany', 'de', 'deutschland', 'spain', 'es', 'italy', 'it',
  'netherlands', 'nl', 'belgium', 'be', 'switzerland', 'ch', 'austria', 'at', 'sweden', 'se', 'norway', 'no', 'denmark', 'dk', 'finland', 'fi',
  'poland', 'pl', 'portugal', 'pt', 'czech republic', 'czechia', 'israel', 'south africa', 'united arab emirates', 'uae', 'saudi arabia',
  'turkey', 'greece', 'romania', 'hungary', 'kenya', 'nigeria', 'egypt',
]);
add('APAC', [
  'australia', 'au', 'new zealand', 'nz', 'japan', 'jp', 'china', 'cn', 'india', 'in', 'singapore', 'sg', 'south korea', 'korea', 'kr',
  'hong kong', 'hk', 'taiwan', 'tw', 'indonesia', 'malaysia', 'thailand', 'vietnam', 'philippines',
]);

/** The region of a country name or code; North America when the country is unknown (said in the import summary). */
export function regionOf(country: string): Region {
  return BY_COUNTRY[country.trim().toLowerCase()] ?? 'NA';
}

