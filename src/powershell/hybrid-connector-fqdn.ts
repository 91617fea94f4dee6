/**
 * Exchange 2010 chooses the STARTTLS certificate by the connector's FQDN; a connector whose
 * Fqdn is empty uses the server's (Microsoft's Set-SendConnector reference, -Fqdn: "The default
 * value of the Fqdn parameter is $null. This means the default FQDN value is the FQDN of the
 * Mailbox server or Edge server that contains the Send connector."). Resolve-ConnectorFqdn
 * gives that FQDN: the connector's, else the plan's FQDN of the server, else its name.
 */
import { ExchangePlan } from '../model/types';
import { psQuote } from './quote';

export function connectorFqdnFunction(plan: ExchangePlan): string[] {
  return [
    'function Resolve-ConnectorFqdn([string]$Server, [string]$Fqdn) {',
    "    if ($Fqdn -ne '') { return $Fqdn }",
    `    $known = @{ ${plan.servers.map((s) => `${psQuote(s.name)} = ${psQuote(s.fqdn)}`).join('; ')} }`,
    '    if ($known.ContainsKey($Server)) { return [string]$known[$Server] }',
    '    return $Server',
    '}',
  ];
}
