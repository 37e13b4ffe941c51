import './services/csp-safe-zod.js';
import 'primeicons/primeicons.css';
import './styles/app.css';
import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import { createApp } from 'vue';
import App from './App.vue';
import { BoardServicesKey, createBoardServices } from './board/board-services.js';
import { createConsoleRouter } from './router.js';
import { resolveHost } from './services/host.js';
import { createRelayApi } from './services/relay-api.js';
import { ServicesKey } from './services/services.js';
import { openRelayLink } from './services/socket.js';
import { DARK_MODE_CLASS, KlaxonPreset } from './theme.js';

document.documentElement.classList.add(DARK_MODE_CLASS);

const app = createApp(App);
app.provide(ServicesKey, {
  host: resolveHost(window),
  api: createRelayApi(),
  openLink: openRelayLink,
  now: () => new Date(),
});
app.provide(BoardServicesKey, createBoardServices(window));
app.use(createPinia());
app.use(createConsoleRouter());
app.use(PrimeVue, {
  theme: { preset: KlaxonPreset, options: { darkModeSelector: `.${DARK_MODE_CLASS}`, cssLayer: false } },
});
app.mount('#app');
