import '../services/csp-safe-zod.js';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import WallboardApp from './WallboardApp.vue';
import { WallboardDepsKey } from './use-wallboard-store.js';
import { createWallboardApi } from './wallboard-api.js';
import { readWallboardFragment } from './wallboard-fragment.js';

// A changed fragment is a different wall screen set-up: start over with it.
window.addEventListener('hashchange', () => window.location.reload());

const app = createApp(WallboardApp);
app.provide(WallboardDepsKey, {
  setup: readWallboardFragment(window.location.hash, window.location.origin),
  fetchStats: createWallboardApi(),
  now: () => new Date(),
});
app.use(createPinia());
app.mount('#wallboard');
