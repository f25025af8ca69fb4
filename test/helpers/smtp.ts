// A real SMTP server for mail tests (smtp-server, parsed by mailparser), and a port nobody listens on.
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  mailFrom: string;
  rcptTo: string[];
  parsed: ParsedMail;
  /** Date.now() when the whole message had arrived. */
  at: number;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
export class TestSmtpServer {
  readonly received: Received[] = [];
  /**
   * Runs after a message has arrived and been kept, before the server answers 250: a test can
   * stop the sending process there, in the window between the server's acceptance and the
   * sender's outbox update.
   */
  beforeAccepting: ((received: Received) => Promise<void>) | undefined;
  private server: SMTPServer | undefined;
  port = 0;

  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            const received: Received = {
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              at: Date.now(),
            };
            this.received.push(received);
            await this.beforeAccepting?.(received);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    this.server = server;
    this.port = address.port;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 that nothing listens on (opened, then closed again). */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}
