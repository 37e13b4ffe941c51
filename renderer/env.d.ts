/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** The desktop host's bridge, present only inside the Electron app (see electron/preload). */
  klaxon?: import('../shared/ipc.js').HostBridge;
}
