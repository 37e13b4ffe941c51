import { connect, type Socket } from 'node:net';

/** One SMTP reply: its code and its text lines (joined). */
export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A bare SMTP client over `node:net`, for attack tests: it writes exactly the bytes it is given and
 * reads replies line by line, so a test can send what no well-behaved client would (garbage, a reset
 * in the middle of DATA, a header line of a megabyte).
 */
export interface RawSmtp {
  readonly socket: Socket;
  /** Resolves with the next complete reply (multi-line replies joined), or rejects after `timeoutMs`. */
  reply(timeoutMs?: number): Promise<SmtpReply>;
  /** Writes a command line (CRLF added) and resolves with its reply. */
  command(line: string, timeoutMs?: number): Promise<SmtpReply>;
  /** Writes raw bytes (nothing added). */
  write(data: string | Buffer): void;
  /** Resolves when the server has closed the connection. */
  closed(timeoutMs?: number): Promise<void>;
}

/** How to open a raw connection. */
export interface RawSmtpOptions {
  /** The local address to connect from (another loopback address is another peer). */
  localAddress?: string;
  /** The greeting code expected (220 by default; 421 for a peer the server turns away). */
  expectGreeting?: number;
}

/** Opens a raw SMTP connection to 127.0.0.1:`port` and resolves once the expected greeting is read. */
export async function openRawSmtp(port: number, options: RawSmtpOptions = {}): Promise<RawSmtp> {
  const socket = connect({ host: '127.0.0.1', port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
  // A reset or a refusal is an outcome the tests look at, not a crash of the test run.
  socket.on('error', () => undefined);
  let buffer = '';
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let at: number;
    while ((at = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, at).replace(/\r$/, ''));
      buffer = buffer.slice(at + 1);
    }
    wake?.();
  });
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  socket.on('close', onEnd);
  socket.on('end', onEnd);

  const waitChange = (deadline: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SMTP reply in time')), Math.max(1, deadline - Date.now()));
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const reply = async (timeoutMs = 10_000): Promise<SmtpReply> => {
    const deadline = Date.now() + timeoutMs;
    const text: string[] = [];
    for (;;) {
      const line = lines.shift();
      if (line !== undefined) {
        text.push(line.slice(4));
        if (line[3] !== '-') return { code: Number(line.slice(0, 3)), text: text.join('\n') };
        continue;
      }
      if (ended) throw new Error(`the server closed the connection${text.length ? ` after: ${text.join(' ')}` : ''}`);
      await waitChange(deadline);
    }
  };

  const raw: RawSmtp = {
    socket,
    reply,
    command(line, timeoutMs) {
      socket.write(`${line}\r\n`);
      return reply(timeoutMs);
    },
    write(data) {
      socket.write(data);
    },
    async closed(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!ended) await waitChange(deadline);
    },
  };
  const greeting = await reply();
  const expected = options.expectGreeting ?? 220;
  if (greeting.code !== expected) throw new Error(`expected a ${expected} greeting, got ${greeting.code} ${greeting.text}`);
  return raw;
}
