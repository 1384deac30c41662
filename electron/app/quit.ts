// When Signet may quit: only once every open message is flushed and compacted. If that fails (a
// full disk), the person chooses; keeping Signet open must leave a window to work in, since the
// one they closed is gone by then. Plain code, so the unit tests run it with failing services.

export type AfterFailedSave = 'keep-open' | 'quit';

export interface QuitHost {
  /** Flushes and closes every open message; rejects if any could not be saved. */
  closeAll(): Promise<void>;
  /** Asks the person what to do about words that could not be saved. */
  ask(error: Error): Promise<AfterFailedSave>;
  /** Quits for real (app.quit()); the guard lets that one through. */
  quit(): void;
  /** Shows the main window, making a new one if there is none. */
  showWindow(): void;
}

export class QuitGuard {
  private quitting = false;
  private saving: Promise<void> | null = null;

  constructor(private readonly host: QuitHost) {}

  /** On `before-quit`: true lets the quit go on; false holds it while the messages are saved. */
  beforeQuit(): boolean {
    if (this.quitting) return true;
    this.saving ??= this.saveThenQuit(true).finally(() => (this.saving = null));
    return false;
  }

  /**
   * On Windows' `query-session-end` (shutdown, log-off): saves without asking, as nobody is there
   * to answer, and quits when done. True asks Windows to wait while the saving goes on.
   */
  sessionEnding(): boolean {
    if (this.quitting) return false;
    this.saving ??= this.saveThenQuit(false).finally(() => (this.saving = null));
    return true;
  }

  /** Whether the app is on its way out (windows closing now must not bring it back). */
  get leaving(): boolean {
    return this.quitting;
  }

  private async saveThenQuit(mayAsk: boolean): Promise<void> {
    try {
      await this.host.closeAll();
    } catch (error) {
      if (mayAsk && (await this.host.ask(error as Error)) === 'keep-open') {
        this.host.showWindow();
        return;
      }
    }
    this.quitting = true;
    this.host.quit();
  }
}
