/** Issuer identification (IIN) ranges and lengths of the card networks in wide use. */
export function hasKnownIssuer(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  const between = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
  if (digits[0] === '4') return len === 13 || len === 16 || len === 19; // Visa
  if (between(p2, 51, 55) || between(p4, 2221, 2720)) return len === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return len === 15; // American Express
  if (between(p4, 2200, 2204)) return between(len, 16, 19); // Mir
  if (p4 === 6011 || between(p3, 644, 649) || p2 === 65 || between(p6, 622126, 622925))
    return between(len, 16, 19); // Discover
  if (p2 === 62 || p2 === 81) return between(len, 16, 19); // UnionPay
  if (between(p4, 3528, 3589)) return between(len, 16, 19); // JCB
  if (between(p3, 300, 305) || p2 === 36 || p2 === 38 || p2 === 39) return between(len, 14, 19); // Diners Club
  if (p2 === 50 || between(p2, 56, 69)) return between(len, 13, 19); // Maestro
  return false;
}
