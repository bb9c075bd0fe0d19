// Pure and dependency-free: the dashboard imports it to look names up in what the server sends.

/** Lowercase latin letters only: "Xi'an" and "Xian", "Lüliang" and "Luliang" meet. */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The key of a city in a country's names: its region code (or '*' for any) and its place key. */
export const cityKey = (region: string, city: string) => `${region}|${placeKey(city)}`;
