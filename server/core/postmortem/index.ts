/** Post-mortems (issue 14), pure: the digest, the rules that ask for one, field edits, links and the review workflow. */
export * from './digest.js';
export * from './field-edit.js';
export * from './link-refs.js';
export * from './rules.js';
export * from './workflow.js';
