/**
 * The policy preview: what an escalation policy would do, in plain words, to a high-priority alert
 * arriving now — computed by running the real escalation and schedule cores.
 */
export { previewPolicy, type PreviewDirectory } from './preview-policy.js';
