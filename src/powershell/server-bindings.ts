/**
 * Which certificates a server holds and where each is bound there, indexed once per plan:
 * the per-server scripts ask this for every server, and a scan of every binding per
 * question would grow with servers x servers.
 */
import { ExchangePlan, PlannedBinding, PlannedCertificate } from '../model/types';

interface ServerBindings {
  /** Certificates bound on the server, in the plan's order. */
  readonly certificates: readonly PlannedCertificate[];
  /** The certificate's first binding on the server. */
  readonly bindingOf: ReadonlyMap<PlannedCertificate, PlannedBinding>;
}

const NONE: ServerBindings = { certificates: [], bindingOf: new Map() };
const byPlan = new WeakMap<ExchangePlan, ReadonlyMap<string, ServerBindings>>();

function index(plan: ExchangePlan): ReadonlyMap<string, ServerBindings> {
  let servers = byPlan.get(plan);
  if (!servers) {
    const built = new Map<string, { certificates: PlannedCertificate[]; bindingOf: Map<PlannedCertificate, PlannedBinding> }>();
    for (const cert of plan.certificates) {
      for (const b of cert.bindings) {
        let s = built.get(b.server);
        if (!s) built.set(b.server, (s = { certificates: [], bindingOf: new Map() }));
        if (!s.bindingOf.has(cert)) {
          s.bindingOf.set(cert, b);
          s.certificates.push(cert);
        }
      }
    }
    servers = built;
    byPlan.set(plan, servers);
  }
  return servers;
}

/** The certificates bound on `server`, in the plan's order. */
export function certificatesOn(plan: ExchangePlan, server: string): readonly PlannedCertificate[] {
  return (index(plan).get(server) ?? NONE).certificates;
}

/** The certificate's first binding on `server`, if it is bound there. */
export function bindingOn(plan: ExchangePlan, cert: PlannedCertificate, server: string): PlannedBinding | undefined {
  return (index(plan).get(server) ?? NONE).bindingOf.get(cert);
}
