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
  files: [
    'out/**',
    'bin/**',
    'package.json',
    '!**/*.map',
    // Copies embed only the WOFF2 slices of the weights the templates use (electron/services/export/fonts.ts).
    '!node_modules/@fontsource/*/files/*.woff',
    '!node_modules/@fontsource/*/files/*-{100,200,300,500,600,800,900}-*',
    // pdf.js is used only to read copies back (`signet verify`), through its legacy build.
    '!node_modules/pdfjs-dist/{build,web,types,image_decoders}/**',
  ],
  asar: true,
  icon: 'resources/icon.png',
  fileAssociations: [
    {
      ext: 'signet',
      name: 'Signet message',
      description: 'A message drafted, reviewed and signed in Signet',
      mimeType: 'application/x-signet-message',
      role: 'Editor',
      icon: 'resources/icon.png',
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
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', hardenedRuntime: true },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
