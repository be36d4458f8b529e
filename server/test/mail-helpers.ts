import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** One message as the test SMTP server received it: envelope and the decoded source. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** The source with quoted-printable soft breaks and escapes undone (for text assertions). */
  decoded: string;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Refuse the next `n` recipients with a temporary failure (451). */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

/** Undoes the transfer encodings: base64 parts decoded, then quoted-printable (soft breaks, =XX bytes as UTF-8). */
function decodeQuotedPrintable(raw: string): string {
  const unbased = raw.replace(/(Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([A-Za-z0-9+/=\r\n]+)/g,
    (_all, head: string, body: string) => head + Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
  const joined = unbased.replace(/=\r?\n/g, '');
  return joined.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.split('=').slice(1).map((h) => parseInt(h, 16))).toString('utf8'));
}

/**
 * A real SMTP server in the test process (the `smtp-server` package), on a free local port, with
 * no TLS and no authentication: what nodemailer sends arrives in `received`.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals--;
        callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, decoded: decodeQuotedPrintable(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (n) => (refusals = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
