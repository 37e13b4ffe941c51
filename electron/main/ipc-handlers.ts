import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { z } from 'zod';
import { type DisplayChoice, type HostSettings, IpcChannel, type WallboardWindowRequest, WallboardWindowRequestSchema } from '../../shared/ipc.js';
import { HostSettingsPatchSchema } from './host-settings.js';

/** Arguments of each bridge call, checked in the main process: the renderer is not trusted. */
export const IpcArgs = {
  saveSettings: z.tuple([HostSettingsPatchSchema]),
  saveToken: z.tuple([z.string().min(1).max(8192)]),
  setUnreadHighCount: z.tuple([z.number().int().min(0).max(1_000_000)]),
  notify: z.tuple([
    z.object({ title: z.string().max(300), body: z.string().max(2000), incidentId: z.string().min(1).max(200) }).strict(),
  ]),
  openWallboard: z.tuple([WallboardWindowRequestSchema]),
  startSso: z.tuple([z.url({ protocol: /^https?$/ }).max(2000)]),
  none: z.tuple([]),
} as const;

/** What the handlers act on; index.ts passes the real settings store, vault, badge and notifier. */
export interface IpcHandlerDeps {
  /** Tells whether a call comes from the console page (and not from some other frame). */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  getSettings(): HostSettings;
  saveSettings(patch: z.infer<typeof HostSettingsPatchSchema>): HostSettings;
  saveToken(token: string): void;
  loadToken(): string | null;
  clearToken(): void;
  setUnreadHighCount(count: number): void;
  notify(notification: { title: string; body: string; incidentId: string }): void;
  listDisplays(): DisplayChoice[];
  openWallboard(request: WallboardWindowRequest): void;
  closeWallboard(): void;
  /** Opens the relay's single sign-on in the system browser. */
  startSso(relayUrl: string): Promise<void>;
}

/** Registers one `ipcMain.handle` per bridge function; each validates its sender and arguments. */
export function registerIpcHandlers(deps: IpcHandlerDeps): void {
  function handle<A extends z.ZodTuple, R>(channel: string, schema: A, run: (args: z.infer<A>) => R): void {
    ipcMain.handle(channel, (event, ...raw: unknown[]) => {
      if (!deps.isTrustedSender(event)) throw new Error(`IPC ${channel} refused: not sent by the console`);
      const args = schema.safeParse(raw);
      if (!args.success) {
        const issue = args.error.issues[0];
        throw new Error(`IPC ${channel}: invalid argument ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
      }
      return run(args.data);
    });
  }

  handle(IpcChannel.getSettings, IpcArgs.none, () => deps.getSettings());
  handle(IpcChannel.saveSettings, IpcArgs.saveSettings, ([patch]) => deps.saveSettings(patch));
  handle(IpcChannel.saveToken, IpcArgs.saveToken, ([token]) => deps.saveToken(token));
  handle(IpcChannel.loadToken, IpcArgs.none, () => deps.loadToken());
  handle(IpcChannel.clearToken, IpcArgs.none, () => deps.clearToken());
  handle(IpcChannel.setUnreadHighCount, IpcArgs.setUnreadHighCount, ([count]) => deps.setUnreadHighCount(count));
  handle(IpcChannel.notify, IpcArgs.notify, ([notification]) => deps.notify(notification));
  handle(IpcChannel.listDisplays, IpcArgs.none, () => deps.listDisplays());
  handle(IpcChannel.openWallboard, IpcArgs.openWallboard, ([request]) => deps.openWallboard(request));
  handle(IpcChannel.closeWallboard, IpcArgs.none, () => deps.closeWallboard());
  handle(IpcChannel.startSso, IpcArgs.startSso, ([relayUrl]) => deps.startSso(relayUrl));
}
