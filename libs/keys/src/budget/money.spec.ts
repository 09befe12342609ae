import { microToUsd, usdToMicro, usdToMicroCeil } from './money';

describe('money', () => {
  it('converts USD to integer micro-USD and back', () => {
    expect(usdToMicro(1.5)).toBe(1_500_000);
    expect(usdToMicro(0.07)).toBe(70_000);
    expect(microToUsd(2_500)).toBe(0.0025);
  });

  it('rounds reservations up, but not a float artefact', () => {
    expect(usdToMicroCeil(0.0000011)).toBe(2);
    expect(usdToMicroCeil(0.07)).toBe(70_000); // 0.07 * 1e6 is 70000.00000000001 in floating point
    expect(usdToMicroCeil(0)).toBe(0);
  });
});
