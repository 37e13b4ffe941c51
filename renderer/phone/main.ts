import '../services/csp-safe-zod.js';
import './phone.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { openDeviceLink } from './device-link.js';
import { createPhoneApi } from './phone-api.js';
import { PhoneServicesKey } from './phone-services.js';
import PhoneApp from './PhoneApp.vue';
import { browserRingerDevices, createRinger } from './ringer.js';
import { registerServiceWorker } from './web-push-setup.js';

const app = createApp(PhoneApp);
app.provide(PhoneServicesKey, {
  api: createPhoneApi(''),
  openLink: openDeviceLink(window.location.origin, window),
  ringer: createRinger(browserRingerDevices(window)),
  storage: window.localStorage,
});
app.use(createPinia());
app.mount('#app');
// Installed as a PWA, the app opens offline and shows pages the service worker announced.
void registerServiceWorker(window).catch(() => undefined);
