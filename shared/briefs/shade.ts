// Heat-map cell shading shared by the print route and the Word writer: a tint of the level's
// colour whose strength follows the count (the count itself is always printed in the cell).

function mix(hex: string, f: number): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return c.map((v) => Math.round(255 - (255 - v) * f)) as [number, number, number];
}

/** 'RRGGBB' (no #) — Word wants this form; CSS gets it with a leading '#'. */
export function heatShadeHex(n: number, all: number[][], hex = '#c8161d'): string {
  const max = Math.max(1, ...all.flat());
  const f = n === 0 ? 0 : 0.12 + 0.38 * (n / max);
  return mix(hex, f).map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
}

export function heatShade(n: number, all: number[][], hex?: string): string {
  return '#' + heatShadeHex(n, all, hex);
}
