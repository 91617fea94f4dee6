/** How the review names a web site or listener and the servers it runs on. */

/** Up to this many servers are named; more are counted ('EX001, EX002, EX003 and 297 more servers'). */
const NAMED_SERVERS = 4;

/** 'Default Web Site on SERVER01, SERVER02'; 'Default Web Site on all 300 servers' (plan.json lists them in `servers`). */
export function siteLabel(webSite: string, servers: readonly string[], serverCount: number): string {
  if (servers.length === 0) return webSite;
  return `${webSite} on ${serverList(servers, serverCount)}`;
}

/** 'EX01, EX02', 'all 300 servers', 'EX001, EX002, EX003 and 57 more servers'. */
export function serverList(servers: readonly string[], serverCount: number): string {
  if (servers.length <= NAMED_SERVERS) return servers.join(', ');
  if (servers.length === serverCount) return `all ${serverCount} servers`;
  return `${servers.slice(0, NAMED_SERVERS - 1).join(', ')} and ${servers.length - (NAMED_SERVERS - 1)} more servers`;
}
