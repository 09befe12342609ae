import { scan, type EntityType } from '../src';
import { VALUES as V } from './fixtures';

/** The [type, value] pairs scan() reports for `text`. */
function found(text: string): Array<[EntityType, string]> {
  return scan(text).map((f) => [f.type, text.slice(f.start, f.end)]);
}

describe('PII detectors', () => {
  it.each<[string, EntityType, string]>([
    ['Write to maria.gonzalez@example.com.', 'EMAIL', 'maria.gonzalez@example.com'],
    ['cc j.smith+reports@corp-mail.co.uk please', 'EMAIL', 'j.smith+reports@corp-mail.co.uk'],
    ['Call +1 (415) 555-0132 tonight', 'PHONE', '+1 (415) 555-0132'],
    ['My number is (212) 555-0187.', 'PHONE', '(212) 555-0187'],
    ['Phone: 212-555-0143', 'PHONE', '212-555-0143'],
    ['UK office +44 20 7946 0958', 'PHONE', '+44 20 7946 0958'],
    ['mobile 07700 900123', 'PHONE', '07700 900123'],
    ['Tel. 030 12345678', 'PHONE', '030 12345678'],
    ['Appelez le 06 12 34 56 78', 'PHONE', '06 12 34 56 78'],
    ['London +44 (0)20 7946 0958', 'PHONE', '+44 (0)20 7946 0958'],
    [`card ${V.visa} ok`, 'CREDIT_CARD', V.visa],
    ['card 4111 1111 1111 1111 ok', 'CREDIT_CARD', '4111 1111 1111 1111'],
    ['card 5555-5555-5555-4444 ok', 'CREDIT_CARD', '5555-5555-5555-4444'],
    ['amex 3782 822463 10005', 'CREDIT_CARD', '3782 822463 10005'],
    [`discover ${V.discover}`, 'CREDIT_CARD', V.discover],
    [`jcb ${V.jcb}`, 'CREDIT_CARD', V.jcb],
    [`old visa ${V.visa13}`, 'CREDIT_CARD', V.visa13],
    ['SSN 123-45-6789', 'US_SSN', '123-45-6789'],
    ['social security number 123456789', 'US_SSN', '123456789'],
    [`pay to ${V.ibanDe} now`, 'IBAN', V.ibanDe],
    ['pay to DE89 3704 0044 0532 0130 00 now', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
    [`iban ${V.ibanGb}`, 'IBAN', V.ibanGb],
    [`iban ${V.ibanFr}`, 'IBAN', V.ibanFr],
    [`iban ${V.ibanCh}`, 'IBAN', V.ibanCh],
    ['host 203.0.113.45 is down', 'IP_ADDRESS', '203.0.113.45'],
    ['from 2001:db8:85a3::8a2e:370:7334 today', 'IP_ADDRESS', '2001:db8:85a3::8a2e:370:7334'],
    ['mapped ::ffff:192.0.2.128 here', 'IP_ADDRESS', '::ffff:192.0.2.128'],
    ['I was born on March 14, 1979 in Ohio', 'DATE_OF_BIRTH', 'March 14, 1979'],
    ['DOB: 1992-07-30', 'DATE_OF_BIRTH', '1992-07-30'],
    ['Geboren am 12.05.1978 in Köln', 'DATE_OF_BIRTH', '12.05.1978'],
    ['née le 3 janvier 1990 à Lyon', 'DATE_OF_BIRTH', '3 janvier 1990'],
    ['Hi, my name is Emily Watson.', 'PERSON', 'Emily Watson'],
    ['Please ask Dr. Priya Raman', 'PERSON', 'Priya Raman'],
    ['Patient name: Robert Miller', 'PERSON', 'Robert Miller'],
    ['Best regards,\nSophie Laurent', 'PERSON', 'Sophie Laurent'],
    ['Michael Johnson approved it.', 'PERSON', 'Michael Johnson'],
    ['Ship to 42 Elm Street, Springfield, IL 62704.', 'ADDRESS', '42 Elm Street, Springfield, IL 62704'],
    ['Office: 221B Baker Street, London NW1 6XE', 'ADDRESS', '221B Baker Street, London NW1 6XE'],
    ['Lieferadresse: Hauptstraße 5, 10115 Berlin', 'ADDRESS', 'Hauptstraße 5, 10115 Berlin'],
    ['adresse : 12 rue de la Paix, 75002 Paris', 'ADDRESS', '12 rue de la Paix, 75002 Paris'],
  ])('%s -> %s', (text, type, value) => {
    expect(found(text)).toContainEqual([type, value]);
  });

  it.each([
    ['a Luhn-invalid card-like number', 'Order 4111 1111 1111 1112 shipped'],
    ['a Luhn-valid number of no issuer', 'ref 9999 9999 9999 9995'],
    ['a 20-digit run', 'id 41111111111111111234'],
    ['SSN area 000', 'ssn 000-12-3456'],
    ['SSN area 666', 'ssn 666-12-3456'],
    ['SSN area 9xx', 'ssn 912-34-5678'],
    ['SSN group 00', 'ssn 123-00-4567'],
    ['SSN serial 0000', 'ssn 123-45-0000'],
    ['nine bare digits without a cue', 'order 123456789'],
    ['an IBAN with a bad check', 'iban DE88370400440532013000'],
    ['an IBAN of the wrong length', 'iban DE8937040044053201300'],
    ['an octet over 255', 'host 10.0.0.256'],
    ['a version string', 'version 1.2.3.4'],
    ['an OID', 'oid 1.3.6.1.4.1.311'],
    ['a time', 'at 12:30:45'],
    ['a MAC address', 'mac 00:1A:2B:3C:4D:5E'],
    ['C++ paths', 'std::vector and a::b'],
    ['a UUID', 'id 550e8400-e29b-41d4-a716-446655440000'],
    ['a git SHA', 'commit 3f9c2a7b8e1d4c6f0a5b9e8d7c6b5a4f3e2d1c0b'],
    ['a date that is not a birth date', 'the meeting is on 12/05/2023'],
    ['a date of birth in the future', 'born on 01/01/2999'],
    ['a file name with @', 'see logo@2x.png'],
    ['a URL user name', 'https://user@example.com/path'],
    ['an ISBN', 'ISBN 978-3-16-148410-0'],
    ['a date followed by a time', 'on 05/10/2023 12:30'],
    ['names that are words', 'Grace and Will went to Paris in May.'],
    ['a file name field', 'File name: Report.pdf'],
  ])('ignores %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('secret detectors', () => {
  it.each<[string, EntityType, string]>([
    [`export AWS_ACCESS_KEY_ID=${V.awsKeyId}`, 'AWS_ACCESS_KEY', V.awsKeyId],
    [`aws_secret_access_key = ${V.awsSecret}`, 'AWS_SECRET_KEY', V.awsSecret],
    [`AWS_SECRET_ACCESS_KEY=${V.awsSecret}`, 'AWS_SECRET_KEY', V.awsSecret],
    [`token ${V.githubToken} here`, 'GITHUB_TOKEN', V.githubToken],
    [`//registry.npmjs.org/:_authToken=${V.npmToken}`, 'NPM_TOKEN', V.npmToken],
    [`OPENAI_API_KEY=${V.openaiKey}`, 'OPENAI_API_KEY', V.openaiKey],
    [`key ${V.anthropicKey}`, 'ANTHROPIC_API_KEY', V.anthropicKey],
    [`stripe ${V.stripeKey}`, 'STRIPE_KEY', V.stripeKey],
    [`maps ${V.googleKey}`, 'GOOGLE_API_KEY', V.googleKey],
    [`SLACK_BOT_TOKEN=${V.slackBot}`, 'SLACK_TOKEN', V.slackBot],
    [`HF_TOKEN=${V.hfToken}`, 'HUGGINGFACE_TOKEN', V.hfToken],
    [`key:\n${V.privateKey}\nend`, 'PRIVATE_KEY', V.privateKey],
    [`Authorization: Bearer ${V.jwt}`, 'JWT', V.jwt],
    ['postgres://app:s3cr3t#P4ss@db:5432/app', 'PASSWORD_IN_URL', 's3cr3t#P4ss'],
    ['redis://:r3d1sP4ss@cache:6379/0', 'PASSWORD_IN_URL', 'r3d1sP4ss'],
    ['API_KEY=9f8e7d6c5b4a39281716afbecd0a1b2c', 'GENERIC_SECRET', '9f8e7d6c5b4a39281716afbecd0a1b2c'],
    ['password: hunter22', 'GENERIC_SECRET', 'hunter22'],
    ['{"client_secret": "Zq8vN3xR7tLw2PkY9sDf4Hg6"}', 'GENERIC_SECRET', 'Zq8vN3xR7tLw2PkY9sDf4Hg6'],
    [
      'Authorization: Bearer a8F3kL9mQ2xZ7vB4nR6tY1wE5uI0oP3s',
      'GENERIC_SECRET',
      'a8F3kL9mQ2xZ7vB4nR6tY1wE5uI0oP3s',
    ],
  ])('%s -> %s', (text, type, value) => {
    expect(found(text)).toContainEqual([type, value]);
  });

  it('reports an unterminated private key block up to the end of its body', () => {
    const truncated = V.privateKey.split('\n').slice(0, 3).join('\n');
    expect(found(`key: ${truncated}`)).toEqual([['PRIVATE_KEY', truncated]]);
  });

  it.each([
    ['a GitHub token with a wrong checksum', V.githubToken.slice(0, -1) + 'g'],
    ['a GitHub token with one random character changed', V.githubToken.replace('aB3', 'aB4')],
    ['an npm token with a wrong checksum', V.npmToken.slice(0, -6) + '000000'],
    ['the AWS documentation example key id', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'the AWS documentation example secret',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    ['a low-entropy key id', 'AKIAAAAAAAAAAAAAAAAA'],
    ['an AWS secret without a cue', V.awsSecret],
    ['a type annotation', 'password: string'],
    ['a member access', 'const password = req.body.password;'],
    ['an environment lookup', "api_key = os.environ['API_KEY']"],
    ['a template variable', 'API_KEY=${OPENAI_API_KEY}'],
    ['a placeholder in angle brackets', 'password: <your-password-here>'],
    ['changeme', 'SECRET_KEY=changeme'],
    ['a mask', 'token: xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['a token count', 'max_tokens: 1024'],
    ['a tokenizer', "tokenizer = AutoTokenizer.from_pretrained('bert-base-uncased')"],
    ['a key id name', 'api_key_id = 9f8e7d6c5b4a39281716afbecd0a1b2c'],
    ['a comparison', 'if password == "hunter22"'],
    [
      'a public key block',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----',
    ],
    ['a JWT-like string whose header is not JSON', 'eyJub3Rqc29u.eyJ4eCI6MX0.abc'],
    ['a URL without a password', 'postgres://localhost:5432/app'],
    ['a URL password placeholder', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
  ])('ignores %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('scan', () => {
  it('reports spans, class and score, never the value', () => {
    const text = `mail a@b.co, key ${V.githubToken}`;
    const findings = scan(text);
    expect(findings).toEqual([
      { type: 'EMAIL', class: 'pii', start: 5, end: 11, score: expect.any(Number) },
      { type: 'GITHUB_TOKEN', class: 'secret', start: 17, end: 17 + V.githubToken.length, score: 0.99 },
    ]);
    for (const f of findings) expect(f.score).toBeGreaterThan(0);
  });

  it('restricts to the requested entity types', () => {
    const text = `mail a@b.co, key ${V.githubToken}, card ${V.visa}`;
    expect(scan(text, { entities: ['CREDIT_CARD'] }).map((f) => f.type)).toEqual(['CREDIT_CARD']);
  });

  it('lets the most specific finding win an overlap', () => {
    // The password's "p4ss@db.internal" also looks like an e-mail address.
    const text = 'postgres://app:p4ss@db.internal:5432/app';
    expect(found(text)).toEqual([['PASSWORD_IN_URL', 'p4ss']]);
    // The generic assignment's value is a provider key: the provider type wins.
    expect(found(`OPENAI_API_KEY="${V.openaiKey}"`)).toEqual([['OPENAI_API_KEY', V.openaiKey]]);
  });

  it('returns nothing for empty or non-string input', () => {
    expect(scan('')).toEqual([]);
    expect(scan(undefined as unknown as string)).toEqual([]);
  });
});
