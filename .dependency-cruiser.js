/** Dependency rules of docs/ARCHITECTURE.md (DESIGN §1): apps -> libs, no app -> app, no cycles. */
/** Tests and their support files may use libs/testing (the fakes and spec validators). */
const TEST_CODE = ['\\.(int-)?spec\\.ts$', '/test-support/', '/testing/'];

const leaf = (lib, allowed = []) => ({
  name: `${lib}-depends-on-little`,
  comment: `libs/${lib} depends on nothing of ours${allowed.length ? ` but ${allowed.join(', ')}` : ''}`,
  severity: 'error',
  from: { path: `^libs/${lib}/`, pathNot: TEST_CODE },
  to: { path: '^libs/([^/]+)/', pathNot: [`^libs/(${[lib, ...allowed].join('|')})/`] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-app-to-app',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    { name: 'libs-not-to-apps', severity: 'error', from: { path: '^libs/' }, to: { path: '^apps/' } },
    {
      name: 'testing-only-from-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [...TEST_CODE, '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    leaf('protocol'),
    leaf('shield'),
    leaf('config'),
    leaf('contracts', ['protocol']),
    leaf('platform'),
    leaf('providers', ['protocol', 'config']),
    leaf('routing', ['config', 'platform', 'protocol']),
    leaf('keys', ['persistence', 'platform', 'contracts', 'protocol', 'config']),
    leaf('audit', ['persistence', 'platform', 'config']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
