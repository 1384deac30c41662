import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { certificateAuthority, CA_NAME, opensslMissing } from '../helpers/certificates';
import { test, expect } from './harness';
import { editorOf, newMessage, saved, screenshot, selectWords } from './helpers';
import { makeKey, mergeCopy, openFile, PASSPHRASE, sendCopy, setRoster, signoffPanel, threePeople, unlock } from './people';

test('an author, two approvers and a signatory take a message from draft to signed, with review copies', async ({ signet }) => {
  test.setTimeout(180_000);
  const { ada, ben, carmen, shared } = await threePeople(signet, 'Mayor');

  // Ada drafts the message and names who approves and who signs.
  const page = ada.page;
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('The new library opens in spring.');
  await saved(page);
  let panel = await setRoster(ada, shared, ['ben.signet-card', 'carmen.signet-card'], ['Ben Okafor: Approver', 'Carmen Ruiz: Approver', 'Carmen Ruiz: Signatory']);
  await expect(panel.getByRole('listitem').filter({ hasText: 'Carmen Ruiz' })).toContainText('Approver, Signatory');
  await screenshot(page, 'signoff-draft');

  // Sent for approval: the text locks for everyone; comments stay open.
  await panel.getByRole('button', { name: 'Ask for approval and signature…' }).click();
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel.locator('.state-badge')).toHaveText('In review');
  await expect(editor).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByRole('status').filter({ hasText: 'the text is locked' })).toBeVisible();
  await screenshot(page, 'signoff-in-review');
  const copyForBen = join(shared, 'for Ben.signet');
  await sendCopy(ada, 'Ben Okafor', copyForBen);

  // Ben asks for a change in his copy; Ada merges it.
  await openFile(ben, copyForBen);
  const benPanel = await unlock(ben.page);
  await expect(benPanel.locator('.state-badge')).toHaveText('In review');
  await benPanel.getByRole('button', { name: 'Request changes…' }).click();
  await benPanel.getByLabel('What needs to change').fill('Name the month: May.');
  await benPanel.getByRole('button', { name: 'Request changes' }).click();
  await expect(benPanel.locator('.state-badge')).toHaveText('Changes requested');
  await saved(ben.page);
  await mergeCopy(ada, copyForBen);
  panel = await signoffPanel(page);
  await expect(panel.locator('.state-badge')).toHaveText('Changes requested');
  await expect(panel.getByRole('listitem').filter({ hasText: 'Name the month: May.' })).toContainText('verified');
  await screenshot(page, 'signoff-changes-requested');

  // Ada edits and sends it again; both approvers approve in their copies.
  await selectWords(page, 'spring');
  await page.keyboard.type('May');
  await expect(editor).toHaveText('The new library opens in May.');
  await saved(page);
  panel = await signoffPanel(page);
  await panel.getByRole('button', { name: 'Ask for approval and signature…' }).click();
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel.locator('.state-badge')).toHaveText('In review');
  const digest = (await panel.locator('.signoff-state code').textContent())!;
  const copyForBoth = join(shared, 'for approval.signet');
  await sendCopy(ada, 'Ben Okafor, Carmen Ruiz', copyForBoth);
  for (const [person, name] of [
    [ben, 'ben'],
    [carmen, 'carmen'],
  ] as const) {
    const copy = join(shared, `approved by ${name}.signet`);
    const { copyFile } = await import('node:fs/promises');
    await copyFile(copyForBoth, copy);
    if (person === ben) await person.page.getByRole('button', { name: /Library/ }).click();
    await openFile(person, copy);
    const p = await unlock(person.page);
    await p.getByRole('button', { name: 'Approve…' }).click();
    // The approver sees the digest of exactly what they approve.
    await expect(p).toContainText(`You are approving the text whose digest is ${digest}`);
    await p.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(p.getByRole('listitem').filter({ hasText: /^Approved/ }).last()).toContainText('verified');
    await saved(person.page);
    await person.page.getByRole('button', { name: /Library/ }).click();
    // Merging an approval from a copy counts it.
    await mergeCopy(ada, copy);
    await expect(page.getByRole('status').filter({ hasText: '1 sign-off record (see Sign-off)' })).toBeVisible();
  }
  panel = await signoffPanel(page);
  await expect(panel.locator('.state-badge')).toHaveText('Approved');
  await screenshot(page, 'signoff-approved');

  // Changing one word makes the approvals stale; putting it back makes them count again.
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.type('!');
  await expect(page.getByRole('status').filter({ hasText: 'The text has changed since it was approved' })).toBeVisible();
  await expect(panel.locator('.state-badge')).toHaveText('Draft');
  await page.getByRole('button', { name: 'Show the changes since the approval' }).click();
  await expect(page.locator('.compare-content ins')).toHaveText(['!']);
  await page.getByRole('button', { name: 'Back to current' }).click();
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await expect(panel.locator('.state-badge')).toHaveText('Approved');
  await saved(page);

  // Carmen signs in her copy; merged back, the message is Signed and read-only.
  const forSignature = join(shared, 'for signature.signet');
  await sendCopy(ada, 'Carmen Ruiz', forSignature);
  await openFile(carmen, forSignature);
  const p = await unlock(carmen.page);
  await p.getByRole('button', { name: 'Sign…' }).click();
  await expect(p).toContainText(`You are signing the text whose digest is ${digest}`);
  await p.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(p.locator('.state-badge')).toHaveText('Signed');
  await saved(carmen.page);
  await mergeCopy(ada, forSignature);
  panel = await signoffPanel(page);
  await expect(panel.locator('.state-badge')).toHaveText('Signed');
  await expect(editor).toHaveAttribute('contenteditable', 'false');
  await panel.getByRole('button', { name: 'Audit trail' }).click();
  const audit = panel.getByRole('list', { name: 'Audit trail' });
  for (const what of ['Signed', 'Approved', 'Changes requested', 'Sent for review']) await expect(audit).toContainText(what);
  await screenshot(page, 'signoff-signed');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'signoff-signed-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The library shows the state, and filters by it.
  await page.getByRole('button', { name: /Library/ }).click();
  await page.getByRole('combobox', { name: 'Show' }).selectOption('Signed');
  await expect(page.getByRole('row', { name: /Untitled message/ })).toContainText('Signed');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('Draft');
  await expect(page.getByRole('row', { name: /Untitled message/ })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('Signed');

  // In Chinese, the panel and the audit trail speak Chinese: the records, the events and their details.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: /^Language/ }).selectOption('zh-CN');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('row', { name: /Untitled message/ }).dblclick();
  await page.getByRole('button', { name: /^审批/ }).click();
  const zhPanel = page.getByRole('complementary', { name: '审批' });
  await expect(zhPanel.locator('.state-badge')).toHaveText('已签署');
  const zhRecords = zhPanel.getByRole('region', { name: '记录' });
  for (const what of ['成员名单已更改', '已送审', '已要求修改', '已批准', '已签署']) await expect(zhRecords).toContainText(what);
  await zhPanel.getByRole('button', { name: '审计记录' }).click();
  const zhAudit = zhPanel.getByRole('list', { name: '审计记录' });
  await expect(zhAudit).toBeInViewport();
  // The versions sign-off steps made are named in Chinese too, though the file stores their English names.
  for (const what of ['已签署（已验证）', '已批准', '已发送审阅副本', '发给 Carmen Ruiz', 'Carmen Ruiz 已签署', '已发给 Carmen Ruiz 审阅']) await expect(zhAudit).toContainText(what);
  await expect(zhAudit).not.toContainText(/Signed|Approved|Sent for review|Review copy sent|verified|Created from/);
  // One banner per thing said, each closed on its own: closing the lock leaves nothing else behind.
  await expect(page.locator('.banners .banner')).toHaveCount(1);
  await screenshot(page, 'signoff-signed-zh-CN');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'signoff-signed-zh-CN-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('.banners').getByRole('button', { name: '关闭' }).click();
  await expect(page.locator('.banners')).toHaveCount(0);
});

test("a person signs their PDF copies under their organisation's certificate, chosen from the sign-off panel", async ({ signet }) => {
  test.skip(!!opensslMissing(), 'openssl is not installed');
  const certs = join(signet.dataDir, 'from the city');
  await mkdir(certs);
  const ca = certificateAuthority(certs, 'issued by the city');
  await signet.start();
  await makeKey(signet, signet.dataDir, 'ada.signet-card');
  const { page } = signet;
  await newMessage(page, 'Blank');
  const panel = await unlock(page);
  await expect(panel.getByText('Your PDF copies are signed under a certificate Signet made for your key')).toBeVisible();

  // One in someone else's name is refused with the reason, and nothing changes.
  signet.os.nextCertificatePath = ca.issue('ben', '/O=City of Riverton/CN=Ben Okafor');
  await panel.getByRole('button', { name: 'Use a certificate from your organisation…' }).click();
  await expect(panel.getByText('Certificate file: ben.p12')).toBeVisible();
  await panel.getByLabel('Password of the certificate file').fill('issued by the city');
  await panel.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await panel.getByRole('button', { name: 'Use this certificate' }).click();
  await expect(panel.getByRole('alert')).toContainText('ben.p12 cannot be used: the certificate is in the name of ‘Ben Okafor’');
  await screenshot(page, 'signoff-organisation-certificate-refused');
  await panel.getByRole('button', { name: 'Cancel' }).click();

  signet.os.nextCertificatePath = ca.issue('ada', '/O=City of Riverton/CN=Ada Lovelace');
  await panel.getByRole('button', { name: 'Use a certificate from your organisation…' }).click();
  await panel.getByLabel('Password of the certificate file').fill('issued by the city');
  await panel.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await panel.getByRole('button', { name: 'Use this certificate' }).click();
  await expect(panel.getByText(`Your PDF copies are signed under the certificate ${CA_NAME} issued to you, valid until`)).toBeVisible();
  await expect(panel.getByRole('status')).toContainText('Export your member card again');
  await screenshot(page, 'signoff-organisation-certificate');
  await panel.getByRole('button', { name: 'Go back to Signet’s own certificate' }).click();
  await expect(panel.getByText('Your PDF copies are signed under a certificate Signet made for your key')).toBeVisible();
});
