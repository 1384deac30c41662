// The locale Chromium is started in follows the interface's language, keeping the system's region
// where the two agree: what the native date field shows depends on it.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumLocale, savedLanguage } from '../../../electron/app/locale';

describe('the locale Chromium runs in', () => {
  it('keeps the system region for the same language, and takes the interface language otherwise', () => {
    expect(chromiumLocale('en', 'en-GB')).toBe('en-GB');
    expect(chromiumLocale('en', 'en_AU.UTF-8')).toBe('en-AU');
    expect(chromiumLocale('en', 'de-DE')).toBe('en');
    expect(chromiumLocale('zh-CN', 'en-US')).toBe('zh-CN');
    expect(chromiumLocale('zh-CN', 'zh-TW')).toBe('zh-TW');
    expect(chromiumLocale('en', '')).toBe('en');
  });

  it('reads the saved language, and has none for a missing, damaged or strange file (the system locale stays)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signet-locale-'));
    const file = join(dir, 'settings.json');
    expect(savedLanguage(file)).toBeNull();
    await writeFile(file, JSON.stringify({ language: 'zh-CN' }));
    expect(savedLanguage(file)).toBe('zh-CN');
    await writeFile(file, JSON.stringify({ language: 'en' }));
    expect(savedLanguage(file)).toBe('en');
    await writeFile(file, '{"language": "zh-CN"');
    expect(savedLanguage(file)).toBeNull();
    await writeFile(file, JSON.stringify({ language: 'klingon' }));
    expect(savedLanguage(file)).toBeNull();
  });
});
