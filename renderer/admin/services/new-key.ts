/** A key the relay just made (a new integration, a rotation), to show once with its endpoint. */
export interface NewKey {
  header: string;
  key: string;
  endpoint: string;
}
