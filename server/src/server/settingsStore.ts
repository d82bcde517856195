/**
 * Holds the current settings as a promise: documents opened before the client answered
 * workspace/configuration wait for the answer instead of being validated with defaults.
 * `generation` counts real changes (pull diagnostics fold it into their result ids); an update
 * that changes nothing (VS Code announces changes of every extension's settings) is ignored.
 */
import type { WhfbLanguageService } from '../service/api';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from './settings';

export class SettingsStore {
  private current: Promise<ServerSettings>;
  private applied: string;
  private requests = 0;
  private changes = 0;
  private latest: ServerSettings;

  constructor(private readonly service: WhfbLanguageService, initial: ServerSettings = DEFAULT_SERVER_SETTINGS) {
    service.configure(initial.service);
    this.applied = JSON.stringify(initial);
    this.latest = initial;
    this.current = Promise.resolve(initial);
  }

  get generation(): number { return this.changes; }

  /** The settings in force now (the editor's `whfb.rules` win over the repository configuration). */
  get inForce(): ServerSettings { return this.latest; }

  /** Something else that decides diagnostics changed (a .whfbrc.json): pull results are stale. */
  invalidate(): void { this.changes++; }

  ready(): Promise<ServerSettings> { return this.current; }

  /**
   * Adopts settings that may still be on their way; a later update wins over an earlier slow
   * one. Resolves true when the settings differ from the ones in force before.
   */
  async update(pending: Promise<ServerSettings>, onError: (error: unknown) => void): Promise<boolean> {
    const request = ++this.requests;
    const previous = this.current;
    let changed = false;
    this.current = pending.then(
      (settings) => {
        if (request !== this.requests) return settings;
        const json = JSON.stringify(settings);
        if (json !== this.applied) {
          this.applied = json;
          this.latest = settings;
          this.changes++;
          changed = true;
          this.service.configure(settings.service);
        }
        return settings;
      },
      (error: unknown) => {
        onError(error);
        return previous;
      },
    );
    await this.current;
    return changed;
  }
}
