/**
 * Valid-looking values for tests. Checksummed ones (cards, IBANs, GitHub/npm tokens) were computed
 * with an independent implementation (Python's zlib.crc32, the IBAN registry's examples, the card
 * networks' published test numbers), so the tests check our checksums rather than echo them.
 */
export const VALUES = {
  visa: '4111111111111111',
  visa13: '4222222222222',
  mastercard: '5555555555554444',
  amex: '378282246310005',
  discover: '6011111111111117',
  jcb: '3530111333300000',
  ibanDe: 'DE89370400440532013000',
  ibanGb: 'GB82WEST12345698765432',
  ibanFr: 'FR1420041010050500013M02606',
  ibanCh: 'CH9300762011623852957',
  githubToken: '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',
  npmToken: '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',
  awsKeyId: 'AKIAZ7QW3ERT5YU2IOPL',
  awsSecret: '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',
  jwt:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUgUm9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.' +
    'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  openaiKey:
    'sk-proj-Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc1Df3Gh5Jk7Mn9Pq1St3Vw5Yz7Bc9Df1Gh3Jk5Mn7Pq9St1VwT3BlbkFJ' +
    'Xy2Wv4Ut6Sr8Qp0On2Ml4Kj6Ih8Gf0Ed2Cb4Az6Yx8Wv0Ut2Sr4Qp6On8Ml0Kj2Ih4Gf6Ed8Cb0Az',
  anthropicKey:
    'sk-ant-api03-' +
    'Q7w_E9r-T1y3U5i7O9p1A3s5D7f9G1h3J5k7L9z1X3c5V7b9N1m3Q5w7E9r1T3y5U7i9O1p3A5s7D9f1G3h5J7k9L1z3X' +
    'AA',
  stripeKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  googleKey: 'AIzaSyD3xR7kP9mW2qL5vN8tB4cJ6hF1gZ0sYeU',
  slackBot: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  hfToken: 'hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh',
  privateKey:
    '-----BEGIN RSA PRIVATE KEY-----\n' +
    'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n' +
    'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n' +
    'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo\n' +
    '-----END RSA PRIVATE KEY-----',
};
