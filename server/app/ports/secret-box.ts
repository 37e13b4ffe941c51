/** Encrypts secrets kept at rest (e.g. ConnectWise API keys set in the console). */
export interface SecretBox {
  /** Whether a key is configured; without one, `seal` refuses. */
  readonly ready: boolean;
  /** Encrypts `plain`, bound to `context` (e.g. `connectwise:acme:privateKey`) so it cannot be moved. */
  seal(plain: string, context: string): string;
  /** Decrypts what `seal` wrote for the same `context`; throws when it was altered or the key differs. */
  open(sealed: string, context: string): string;
}
