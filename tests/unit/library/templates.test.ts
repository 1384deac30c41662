// A new message from a template in the interface's language: in a Chinese interface the Letter
// template's title and words are Chinese, and so is the message (its copies print Chinese labels).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { messageText, readContent, readMeta } from '../../../shared/document';
import { datedSignature } from '../../../shared/export';
import { testServices, type TestServices } from '../../helpers/services';

describe('templates in the interface\'s language', () => {
  let setup: TestServices;
  beforeEach(async () => {
    setup = await testServices();
  });
  afterEach(() => setup.dispose());

  it('a new Letter in a Chinese interface has Chinese words, a Chinese title and language', async () => {
    await setup.services.handlers['settings.set']({ language: 'zh-CN', spellcheckLanguage: 'en-US' });
    const path = await setup.services.handlers['message.create']({ template: 'letter' });
    const { doc } = await readMessageFile(path);
    expect(readMeta(doc)).toMatchObject({ title: '信函', language: 'zh-CN', template: 'letter' });
    const text = messageText(doc);
    for (const words of ['[收信人姓名]：', '[写信的缘由]', '此致', '敬礼！', '[署名人姓名]', '[地点]，[日期]']) expect(text).toContain(words);
    expect(text).not.toMatch(/[A-Za-z]/);
    // Its signature block has a place and date of its own, so a letter copy prints no second date line.
    expect(datedSignature(readContent(doc))).toBe(true);
  });

  it('the same template in an English interface stays English', async () => {
    await setup.services.handlers['settings.set']({ language: 'en', spellcheckLanguage: 'en-GB' });
    const path = await setup.services.handlers['message.create']({ template: 'letter' });
    const { doc } = await readMessageFile(path);
    expect(readMeta(doc)).toMatchObject({ title: 'Letter', language: 'en-GB' });
    expect(messageText(doc)).toContain('[Recipient name]');
  });
});
