/** How each email domain's users reach Autodiscover in the plan. */
import { NormalizedInputs } from './inputs';
import { PlannedEmailDomain } from './types';

export function planEmailDomains(inputs: NormalizedInputs): PlannedEmailDomain[] {
  const domains = [inputs.emailDomain, ...inputs.additionalEmailDomains];
  return domains.map((domain, i) => {
    const primary = i === 0;
    const responder = inputs.rootDomainResponders[domain]?.kind;
    const base = { domain, primary, ...(responder ? { rootDomainResponder: responder } : {}) };
    switch (inputs.strategy) {
      case 'sanCertificate':
        return { ...base, autodiscover: 'autodiscoverHost', autodiscoverHostname: primary ? inputs.autodiscoverHostname : `autodiscover.${domain}` };
      case 'srvRecord':
        return { ...base, autodiscover: 'srv', srvTarget: inputs.externalHostname };
      case 'singleName':
      case 'twoCertificates':
        if (primary) return { ...base, autodiscover: 'autodiscoverHost', autodiscoverHostname: inputs.autodiscoverHostname };
        return inputs.strategyObject.srvForAdditionalDomains
          ? { ...base, autodiscover: 'srv', srvTarget: inputs.autodiscoverHostname }
          : { ...base, autodiscover: 'none' };
    }
  });
}
