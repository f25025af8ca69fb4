// A small HTTP/1.1 client over plain keep-alive sockets, for load tests: fetch costs the client
// about a millisecond of CPU a request, which on a 2-core machine is taken from the server being
// measured. One request at a time per socket; a request finding no idle socket opens another.
// Understands what Tsuen answers with: Content-Length bodies, or chunked ones.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-case names; Set-Cookie as a list of its lines. */
  headers: Map<string, string>;
  setCookies: string[];
  body: string;
}

interface Pending {
  resolve(response: RawResponse): void;
  reject(error: Error): void;
}

class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  closed = false;

  constructor(
    readonly socket: Socket,
    private readonly onIdle: (c: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.tryParse();
    });
    const fail = (error: Error) => {
      this.closed = true;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed before the answer')));
  }

  send(head: string, body: string | undefined): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(body === undefined ? head : head + body);
    });
  }

  private tryParse(): void {
    if (!this.pending) return;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const lines = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(lines[0]?.split(' ')[1]);
    const headers = new Map<string, string>();
    const setCookies: string[] = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'set-cookie') setCookies.push(value);
      else headers.set(name, value);
    }
    let rest = this.buffer.subarray(headEnd + 4);
    let body: Buffer;
    if (headers.get('transfer-encoding')?.includes('chunked')) {
      const chunks: Buffer[] = [];
      let at = 0;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
        if (rest.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          at = lineEnd + 4;
          break;
        }
        chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(chunks);
      rest = rest.subarray(at);
    } else {
      const length = Number(headers.get('content-length') ?? 0);
      if (rest.length < length) return;
      body = rest.subarray(0, length);
      rest = rest.subarray(length);
    }
    this.buffer = rest;
    const pending = this.pending;
    this.pending = undefined;
    if (headers.get('connection')?.toLowerCase() === 'close') {
      this.closed = true;
      this.socket.end();
    } else {
      this.onIdle(this);
    }
    pending.resolve({ status, headers, setCookies, body: body.toString('utf8') });
  }
}

/** Keep-alive sockets to one server (host:port), as many as there are requests in flight. */
export class RawHttpClient {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  private connection(): Promise<Connection> {
    for (let c = this.idle.pop(); c; c = this.idle.pop()) if (!c.closed) return Promise.resolve(c);
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, this.host);
      socket.once('connect', () => {
        const c = new Connection(socket, (done) => this.idle.push(done));
        this.all.add(c);
        socket.once('close', () => this.all.delete(c));
        resolve(c);
      });
      socket.once('error', reject);
    });
  }

  async request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
    const c = await this.connection();
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
    head += '\r\n';
    return c.send(head, body);
  }

  close(): void {
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}
