// What the services need from the machine around them: the OS's dialogs, the file manager, the
// printer and the secret store. The app's host is Electron (app/main.ts); the Chromium test
// harness has its own, answering the dialogs as a test says.
import type { EventName, EventPayload, FormatState } from '../../shared/ipc';
import type { Printer } from './export/make-copy';
import type { SecretStore } from './signoff/profile';

export interface Host {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  showInFolder(path: string): Promise<void>;
  chooseMessageToOpen(): Promise<string | null>;
  /** A copy to merge: a .signet copy or a Word review (.docx); without it, chooseMessageToOpen. */
  chooseCopyToMerge?(): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
  /** Where to save a copy (a review copy, a member card): a path the person chose, or null. */
  chooseSaveLocation(defaultName: string): Promise<string | null>;
  /** Someone's member card (.signet-card) the person chose to import, or null. */
  chooseCardToOpen(): Promise<string | null>;
  /** The certificate file (.p12, .pfx) an organisation issued, chosen to import, or null. */
  chooseCertificateToOpen?(): Promise<string | null>;
  /** A Word file (.docx) the person chose to make a message of, or null. */
  chooseWordFile?(): Promise<string | null>;
  /** A PNG image the person chose for a copy (a letterhead's logo, a handwritten signature), or null. */
  chooseImage?(): Promise<string | null>;
  /** Prints copies to PDF and draws the export dialog's previews; without one, copies are HTML only. */
  printer?: Printer;
  /** The OS's secret store for the signing key; where it is missing or not available, a passphrase protects the key. */
  secretStore?: SecretStore;
  /** Tells the OS (the File menu, the dock) that a message was opened. */
  addRecent?(path: string): void;
  /** Ticks the active format in the native menu. */
  showFormat?(state: FormatState): void;
  /** A message the OS asked to open before the interface was listening (file association). */
  takePendingOpen?(): string | null;
  /** The spelling languages this machine has, and switching to one. */
  spellcheckLanguages(): string[];
  useSpellcheckLanguage(language: string): void;
}
