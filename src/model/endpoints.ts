/**
 * Client endpoints per server: the virtual directory URLs the scripts set and the review
 * document checks. Internal URLs use the public names (split DNS) unless the internal
 * names are on the certificate.
 */
import { NormalizedInputs } from './inputs';
import { ClientEndpoint, ClientService } from './types';

const PATHS: Record<Exclude<ClientService, 'OutlookAnywhere'>, string> = {
  OWA: '/owa',
  ECP: '/ecp',
  EWS: '/EWS/Exchange.asmx',
  OAB: '/OAB',
  ActiveSync: '/Microsoft-Server-ActiveSync',
  MAPI: '/mapi',
  Autodiscover: '/Autodiscover/Autodiscover.xml',
};

/** The host name internal clients use on a server. */
export function internalHostnameFor(inputs: NormalizedInputs, server: { fqdn: string }): string {
  return inputs.includeInternalNames ? server.fqdn : inputs.externalHostname;
}

export function planEndpoints(inputs: NormalizedInputs): ClientEndpoint[] {
  const v = inputs.version;
  const services: ClientService[] = ['OWA', ...(v.hasEcp ? (['ECP'] as const) : []), 'EWS', 'OAB', 'ActiveSync', 'OutlookAnywhere', ...(v.hasMapiHttp ? (['MAPI'] as const) : []), 'Autodiscover'];
  const out: ClientEndpoint[] = [];
  for (const server of inputs.servers) {
    const internal = internalHostnameFor(inputs, server);
    const external = inputs.externalHostname;
    for (const service of services) {
      const path = service === 'OutlookAnywhere' ? '/rpc/rpcproxy.dll' : PATHS[service];
      if (service === 'Autodiscover') {
        // Inside: the SCP (AutoDiscoverServiceInternalUri). Outside, Outlook finds the service
        // by DNS for the primary domain: the autodiscover host, or the SRV target.
        const found = inputs.strategy === 'srvRecord' ? inputs.externalHostname : inputs.autodiscoverHostname;
        out.push({ server: server.name, service, internalUrl: `https://${internal}${path}`, externalUrl: `https://${found}${path}`, internalHostname: internal, externalHostname: found });
        continue;
      }
      out.push({
        server: server.name,
        service,
        internalUrl: `https://${internal}${path}`,
        externalUrl: `https://${external}${path}`,
        internalHostname: internal,
        externalHostname: external,
      });
    }
  }
  return out;
}
