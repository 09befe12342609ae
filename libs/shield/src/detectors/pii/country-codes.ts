/**
 * ITU-T E.164 country calling codes, compactly: the assigned one- and two-digit codes, and the
 * two-digit zones whose codes have three digits. A number "+CC..." is plausible when its first
 * digits form an assigned code. A few unassigned three-digit codes inside those zones slip through.
 */
const ONE_OR_TWO_DIGIT = new Set([
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);
const THREE_DIGIT_ZONES = new Set([
  '21',
  '22',
  '23',
  '24',
  '25',
  '26',
  '29',
  '35',
  '37',
  '38',
  '42',
  '50',
  '59',
  '67',
  '68',
  '69',
  '80',
  '85',
  '87',
  '88',
  '96',
  '97',
  '99',
]);

/** Length of the country code `digits` starts with, or 0 when no assigned code fits. */
export function countryCodeLength(digits: string): number {
  if (ONE_OR_TWO_DIGIT.has(digits[0])) return 1;
  const two = digits.slice(0, 2);
  if (ONE_OR_TWO_DIGIT.has(two)) return 2;
  if (THREE_DIGIT_ZONES.has(two) && digits.length >= 3) return 3;
  return 0;
}
