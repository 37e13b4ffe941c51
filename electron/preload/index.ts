import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type DeepLink, type DesktopSsoResult, type HostBridge, IpcChannel } from '../../shared/ipc.js';

/**
 * The typed bridge the console sees as `window.klaxon`: one named function per capability, each
 * mapped to its own IPC channel (never a generic "send any channel" forwarder). Pushes return an
 * unsubscribe function.
 */
const bridge: HostBridge = {
  kind: 'electron',
  getSettings: () => ipcRenderer.invoke(IpcChannel.getSettings),
  saveSettings: (settings) => ipcRenderer.invoke(IpcChannel.saveSettings, settings),
  saveToken: (token) => ipcRenderer.invoke(IpcChannel.saveToken, token),
  loadToken: () => ipcRenderer.invoke(IpcChannel.loadToken),
  clearToken: () => ipcRenderer.invoke(IpcChannel.clearToken),
  setUnreadHighCount(count) {
    void ipcRenderer.invoke(IpcChannel.setUnreadHighCount, count);
  },
  notify(notification) {
    void ipcRenderer.invoke(IpcChannel.notify, notification);
  },
  listDisplays: () => ipcRenderer.invoke(IpcChannel.listDisplays),
  openWallboard: (request) => ipcRenderer.invoke(IpcChannel.openWallboard, request),
  closeWallboard: () => ipcRenderer.invoke(IpcChannel.closeWallboard),
  startSso: (relayUrl) => ipcRenderer.invoke(IpcChannel.startSso, relayUrl),
  onSsoResult(listener) {
    const relay = (_event: IpcRendererEvent, result: DesktopSsoResult): void => listener(result);
    ipcRenderer.on(IpcChannel.ssoResult, relay);
    return () => {
      ipcRenderer.removeListener(IpcChannel.ssoResult, relay);
    };
  },
  onDeepLink(listener) {
    // The IPC event object (with its sender) never reaches the page: only the link does.
    const relay = (_event: IpcRendererEvent, link: DeepLink): void => listener(link);
    ipcRenderer.on(IpcChannel.deepLink, relay);
    return () => {
      ipcRenderer.removeListener(IpcChannel.deepLink, relay);
    };
  },
};

contextBridge.exposeInMainWorld('klaxon', bridge);
