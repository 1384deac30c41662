// The member cards of the people this person works with, kept in contacts.json in the app's data
// folder: read when a roster is made, replaced whole (temp file, rename) when a card is imported.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { MemberInfo } from '../../../shared/ipc';
import { checkMember, type Member } from '../../../shared/signoff';
import { UserError } from '../errors';
import { writeFileAtomic } from '../files/message-file';
import { readMemberCard } from './keys';

const CONTACTS = 'contacts.json';
const CONTACTS_FORMAT = 'signet-contacts-1';
/** A member card is a few hundred bytes; anything much larger is not one. */
const MAX_CARD = 64 * 1024;

export class Contacts {
  constructor(private readonly dataFolder: string) {}

  private get file(): string {
    return join(this.dataFolder, CONTACTS);
  }

  async list(): Promise<MemberInfo[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const damaged = (what: string) => new UserError('damaged', `Your contacts (${this.file}) are damaged: ${what}. The file was left as it is.`);
    let raw: { format?: unknown; contacts?: unknown };
    try {
      raw = JSON.parse(text);
    } catch {
      throw damaged('it is not JSON');
    }
    if (raw?.format !== CONTACTS_FORMAT || !Array.isArray(raw.contacts)) throw damaged(`it is not a Signet contacts file ("${CONTACTS_FORMAT}")`);
    return raw.contacts.map((entry, i) => {
      const { member, problems } = checkMember(entry);
      if (!member) throw damaged(`contact ${i + 1}: ${problems.join('; ')}`);
      return member;
    });
  }

  /** Reads someone's member card and keeps it, replacing an older card with the same key; `ownKey`'s card is not a contact. */
  async importCard(file: string, ownKey: () => Promise<string | undefined>): Promise<MemberInfo> {
    const name = basename(file);
    if ((await fs.stat(file)).size > MAX_CARD) throw new UserError('invalid-argument', `${name} is not a member card: it is too large.`);
    let member: Member;
    try {
      member = readMemberCard(await fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new UserError('invalid-argument', `${name}: ${(error as Error).message}`);
    }
    // Your own card is your profile, not a contact.
    if (member.publicKey === (await ownKey())) return member;
    const others = (await this.list()).filter((c) => c.publicKey !== member.publicKey);
    const contacts = [...others, member].sort((a, b) => a.name.localeCompare(b.name));
    await fs.mkdir(this.dataFolder, { recursive: true });
    await writeFileAtomic(this.file, Buffer.from(`${JSON.stringify({ format: CONTACTS_FORMAT, contacts }, null, 2)}\n`));
    return member;
  }
}
