/**
 * An Aho–Corasick automaton over lower-case phrases: one pass over a text finds every phrase it
 * contains, at a cost that grows with the text's length and the matches, not with the number of
 * phrases.
 */
export interface PhraseAutomaton<T> {
  /** The values of every phrase found in `text` (already lower-case), each once. */
  find(text: string): Set<T>;
  readonly size: number;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  fail: Node<T> | null;
  /** The values of the phrases ending here, and (through `fail`) of shorter ones ending here too. */
  out: T[];
}

const node = <T>(): Node<T> => ({ next: new Map(), fail: null, out: [] });

/** Builds the automaton from lower-case phrases and the value each stands for. */
export function buildPhraseAutomaton<T>(phrases: Iterable<[string, T]>): PhraseAutomaton<T> {
  const root = node<T>();
  let size = 0;
  for (const [phrase, value] of phrases) {
    let at = root;
    for (const c of phrase) {
      let to = at.next.get(c);
      if (!to) {
        to = node<T>();
        at.next.set(c, to);
      }
      at = to;
    }
    at.out.push(value);
    size++;
  }
  // Breadth first: each node's failure link is the longest proper suffix that is also a prefix.
  const queue: Node<T>[] = [];
  for (const child of root.next.values()) {
    child.fail = root;
    queue.push(child);
  }
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    for (const [c, child] of current.next) {
      let f = current.fail;
      while (f && !f.next.has(c)) f = f.fail;
      child.fail = f ? f.next.get(c)! : root;
      if (child.fail.out.length > 0) child.out = [...child.out, ...child.fail.out];
      queue.push(child);
    }
  }
  return {
    size,
    find(text) {
      const found = new Set<T>();
      if (size === 0) return found;
      let at = root;
      for (const c of text) {
        while (at !== root && !at.next.has(c)) at = at.fail!;
        at = at.next.get(c) ?? root;
        for (const value of at.out) found.add(value);
      }
      return found;
    },
  };
}
