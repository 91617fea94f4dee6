/**
 * A small authoritative DNS server on 127.0.0.1 (UDP, a free port) for the tests, answering
 * A, AAAA and SRV from a table. Wire format by dns-packet; NXDOMAIN for unknown names,
 * an empty answer for a known name without the type asked.
 */
import * as dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';

export type TestRecord =
  | { readonly name: string; readonly type: 'A' | 'AAAA'; readonly value: string }
  | { readonly name: string; readonly type: 'SRV'; readonly value: { priority: number; weight: number; port: number; target: string } };

export interface TestDnsServer {
  /** '127.0.0.1:PORT' for the verifier's dnsServer option. */
  readonly address: string;
  /** Questions asked, 'A mail.contoso.com'. */
  readonly asked: string[];
  close(): Promise<void>;
}

export async function startDnsServer(records: readonly TestRecord[]): Promise<TestDnsServer> {
  const byName = new Map<string, TestRecord[]>();
  for (const r of records) byName.set(r.name.toLowerCase(), [...(byName.get(r.name.toLowerCase()) ?? []), r]);
  const socket = dgram.createSocket('udp4');
  const asked: string[] = [];
  socket.on('message', (message, from) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    asked.push(`${question.type} ${question.name}`);
    const known = byName.get(question.name.toLowerCase());
    const answers = (known ?? [])
      .filter((r) => r.type === question.type)
      .map((r) => ({ type: r.type, name: question.name, ttl: 60, class: 'IN', data: r.value }) as dnsPacket.Answer);
    const reply = dnsPacket.encode({
      id: query.id,
      type: 'response',
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | (known ? 0 : 3),
      questions: query.questions,
      answers,
    });
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    asked,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
