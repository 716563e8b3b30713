/**
 * A local stand-in for a DNS server (UDP, one question per query), so lookups made under test never
 * reach the real internet: give its `address` as `DNS_SERVERS`. It answers the TXT records a test
 * sets, NXDOMAIN for any other name, and can be told to fail a name (SERVFAIL, REFUSED) or not to
 * answer it at all (the asker times out). It records every question it gets.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/** How the stand-in fails a name instead of answering it. */
export type DnsFault = 'servfail' | 'refused' | 'silence';

export type DnsQuestion = { name: string; type: number };

export type DnsStandIn = {
  /** `127.0.0.1:PORT`, as `DNS_SERVERS` takes it. */
  address: string;
  /** Answers TXT questions for `name` with these records (a string, or a record's strings); `[]`: no TXT. */
  setTxt: (name: string, records: ReadonlyArray<string | readonly string[]>) => void;
  /** Fails every question for `name` this way until `clear(name)`. */
  fail: (name: string, fault: DnsFault) => void;
  /** Forgets `name`'s records and fault: it is NXDOMAIN again. */
  clear: (name: string) => void;
  /** Every question received, oldest first (names lowercase, without the trailing dot). */
  questions: () => DnsQuestion[];
  close: () => Promise<void>;
};

const TYPE_TXT = 16;
const TYPE_ANY = 255;
const RCODE = { noError: 0, servFail: 2, nxDomain: 3, refused: 5 } as const;

const normalise = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** The question of a query: its name, type, and where it ends (to echo it back byte for byte). */
function parseQuestion(query: Buffer): (DnsQuestion & { end: number }) | undefined {
  if (query.length < 12 || query.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = query[offset];
    if (length === undefined || length > 63) return undefined;
    offset += 1;
    if (length === 0) break;
    labels.push(query.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > query.length) return undefined;
  return { name: normalise(labels.join('.')), type: query.readUInt16BE(offset), end: offset + 4 };
}

/** One TXT resource record pointing at the question's name; a string over 255 bytes is split. */
function txtRecord(strings: readonly string[]): Buffer {
  const chunks = strings.flatMap((text) => {
    const bytes = Buffer.from(text, 'utf8');
    const parts: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 255) parts.push(bytes.subarray(at, at + 255));
    return parts.length > 0 ? parts : [Buffer.alloc(0)];
  });
  const rdata = Buffer.concat(chunks.flatMap((chunk) => [Buffer.from([chunk.length]), chunk]));
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // name: a pointer to the question's
  fixed.writeUInt16BE(TYPE_TXT, 2);
  fixed.writeUInt16BE(1, 4); // class IN
  fixed.writeUInt32BE(0, 6); // TTL 0: never cached
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}

function response(query: Buffer, questionEnd: number, rcode: number, answers: Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const flags = query.readUInt16BE(2);
  // QR, the query's opcode and RD, AA, RA, and the response code.
  header.writeUInt16BE(0x8000 | (flags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

/** Starts the stand-in on an ephemeral UDP port of 127.0.0.1. */
export async function startDnsStandIn(): Promise<DnsStandIn> {
  const records = new Map<string, string[][]>();
  const faults = new Map<string, DnsFault>();
  const asked: DnsQuestion[] = [];
  const socket = createSocket('udp4');

  socket.on('message', (query: Buffer, from: RemoteInfo) => {
    const question = parseQuestion(query);
    if (!question) return;
    asked.push({ name: question.name, type: question.type });
    const fault = faults.get(question.name);
    if (fault === 'silence') return;
    let reply: Buffer;
    if (fault) {
      reply = response(query, question.end, fault === 'servfail' ? RCODE.servFail : RCODE.refused, []);
    } else {
      const txt = records.get(question.name);
      const wanted = question.type === TYPE_TXT || question.type === TYPE_ANY;
      reply = txt
        ? response(query, question.end, RCODE.noError, wanted ? txt.map(txtRecord) : [])
        : response(query, question.end, RCODE.nxDomain, []);
    }
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    setTxt(name, txt) {
      records.set(
        normalise(name),
        txt.map((record) => (typeof record === 'string' ? [record] : [...record])),
      );
    },
    fail(name, fault) {
      faults.set(normalise(name), fault);
    },
    clear(name) {
      records.delete(normalise(name));
      faults.delete(normalise(name));
    },
    questions: () => [...asked],
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
