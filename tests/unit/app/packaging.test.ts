// Installers cannot be built on these machines (electron-builder downloads Electron); this checks
// that what it would build is configured: every platform's target, the file association, the fuses.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

function load(testBuild: boolean) {
  const key = require.resolve('../../../electron-builder.config.cjs');
  delete require.cache[key];
  process.env.SIGNET_TEST_BUILD = testBuild ? '1' : '';
  return require(key);
}

describe('installer configuration', () => {
  it('builds every platform with the .signet association', () => {
    const config = load(false);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations[0].ext).toBe('signet');
  });
  it('flips the fuses in shipped builds and keeps inspect only for test builds', () => {
    const shipped = load(false).electronFuses;
    expect(shipped).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(load(true).electronFuses.enableNodeCliInspectArguments).toBe(true);
  });
});
