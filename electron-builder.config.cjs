// Installers: AppImage and deb for Linux, dmg for macOS, nsis for Windows, with the .signet file
// association and Electron's fuses flipped for shipped builds.
// SIGNET_TEST_BUILD=1 keeps the --inspect flags working, which Playwright's Electron driver needs.
const testBuild = process.env.SIGNET_TEST_BUILD === '1';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.signet.desktop',
  productName: 'Signet',
  copyright: 'Copyright © Signet',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only what the app runs: the command line tool (bin/, out/main/cli.js), the benchmarks' builds
  // (out/bench*) and the Chromium driver only they use (playwright-core) stay out.
  // tests/unit/packaging.test.ts checks this list against what the app loads.
  files: [
    'out/main/**',
    '!out/main/cli.js',
    'out/preload/**',
    'out/renderer/**',
    // The verifier page, which "Save the verifier…" copies out.
    'out/verifier/verifier.html',
    'package.json',
    '!**/*.map',
    '!node_modules/playwright-core/**',
    // Copies embed only the WOFF2 slices of the weights the templates use (electron/services/export/fonts.ts).
    // A file is <family>-<slice>-<weight>-<style>.woff2, and slices are numbered too (noto-serif-sc-100-400-normal
    // is slice 100 of weight 400), so the weight is matched only where the style follows it.
    '!node_modules/@fontsource/*/files/*.woff',
    '!node_modules/@fontsource/*/files/*-{100,200,300,500,600,800,900}-{normal,italic}.woff2',
    // pdf.js is used only to read copies back (`signet verify`), through its legacy build.
    '!node_modules/pdfjs-dist/{build,web,types,image_decoders}/**',
  ],
  asar: true,
  // Spelling dictionaries for Linux (resources/dictionaries/README.md), copied in on first start.
  // The icon, for the AppImage to register with the desktop (electron/app/appimage-integration.ts).
  extraResources: [
    { from: 'resources/dictionaries', to: 'dictionaries', filter: ['*.bdic'] },
    { from: 'resources/icon.png', to: 'icon.png' },
  ],
  icon: 'resources/icon.png',
  fileAssociations: [
    {
      ext: 'signet',
      name: 'Signet message',
      description: 'A message drafted, reviewed and signed in Signet',
      mimeType: 'application/x-signet-message',
      role: 'Editor',
      // document.ico for Windows, document.icns for macOS (scripts/make-icons.mjs); Linux uses the app's icon.
      icon: 'document',
    },
  ],
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: testBuild,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    mimeTypes: ['application/x-signet-message'],
    maintainer: 'Signet <maintainers@signet.invalid>',
  },
  // Setting `depends` replaces electron-builder's own list, so it is repeated here whole:
  // libsecret-1-0 lets safeStorage seal the signing key in the keyring (else a passphrase is asked),
  // xdg-utils opens "Show in folder"; ALSA is the one library Electron needs that the list lacks.
  deb: {
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'libasound2t64 | libasound2'],
  },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', hardenedRuntime: true },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
