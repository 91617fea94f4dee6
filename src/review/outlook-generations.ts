/**
 * The Outlook generations whose Autodiscover order differs, and the steps each tries.
 * Sources: the Exchange 2007 Autodiscover white paper (RTM order, SRV added by the
 * June 2007 update rollup, KB 940881), and "Outlook 2016 implementation of Autodiscover"
 * (KB 3211279) for the steps 2016 and later try before the classic ones.
 */
import { AutodiscoverStep } from './autodiscover-steps';

/** Steps of Outlook 2016 and later before the classic ones; for an on-premises mailbox each falls through. */
export type PreStep = 'localXml' | 'lastKnownGood' | 'office365';

export type OutlookGenerationId = '2007-rtm' | '2007-update-2010' | '2013' | '2016-later';

export interface OutlookGeneration {
  readonly id: OutlookGenerationId;
  readonly label: string;
  /** How a range of generations starting here begins ('Outlook 2007 with the June 2007 rollup'). */
  readonly from: string;
  /** How a range ending here ends ('Outlook 2010'). */
  readonly to: string;
  /** Office version under HKCU\Software\Microsoft\Office\<version>\Outlook\AutoDiscover. */
  readonly registryVersion: string;
  readonly preSteps: readonly PreStep[];
  readonly steps: readonly AutodiscoverStep[];
}

export const OUTLOOK_GENERATIONS: readonly OutlookGeneration[] = [
  { id: '2007-rtm', label: 'Outlook 2007 RTM', from: 'Outlook 2007 RTM', to: 'Outlook 2007 RTM', registryVersion: '12.0', preSteps: [], steps: ['scp', 'rootDomain', 'autodiscoverHost', 'httpRedirect'] },
  {
    id: '2007-update-2010',
    label: 'Outlook 2007 with the June 2007 update rollup, Outlook 2010',
    from: 'Outlook 2007 with the June 2007 rollup',
    to: 'Outlook 2010',
    registryVersion: '12.0 / 14.0',
    preSteps: [],
    steps: ['scp', 'rootDomain', 'autodiscoverHost', 'httpRedirect', 'srv'],
  },
  { id: '2013', label: 'Outlook 2013', from: 'Outlook 2013', to: 'Outlook 2013', registryVersion: '15.0', preSteps: [], steps: ['scp', 'rootDomain', 'autodiscoverHost', 'httpRedirect', 'srv'] },
  {
    id: '2016-later',
    label: 'Outlook 2016 and later (2019, 2021, 2024, Microsoft 365 Apps)',
    from: 'Outlook 2016',
    to: 'Outlook 2016 and later',
    registryVersion: '16.0',
    preSteps: ['localXml', 'lastKnownGood', 'office365'],
    steps: ['scp', 'rootDomain', 'autodiscoverHost', 'httpRedirect', 'srv'],
  },
];

export const PRE_STEP_LABELS: Readonly<Record<PreStep, string>> = {
  localXml: 'local XML',
  lastKnownGood: 'last known good',
  office365: 'Office 365 direct check',
};

/** Why each pre-step falls through for an on-premises mailbox. */
export const PRE_STEP_NOTES: Readonly<Record<PreStep, string>> = {
  localXml: 'only with the PreferLocalXml policy and a local file, which this plan does not set up: falls through',
  lastKnownGood: 'the URL that worked last time: none at first setup, afterwards the one found below; ExcludeLastKnownGood = 1 turns it off',
  office365: 'Outlook asks Office 365 first; an on-premises mailbox is not found there, so it falls through; ExcludeExplicitO365Endpoint = 1 skips it',
};

/** 'Outlook 2013' for one generation, 'Outlook 2007 with the June 2007 rollup to Outlook 2016 and later' for a run of them. */
export function generationRangeLabel(run: readonly OutlookGeneration[]): string {
  return run.length === 1 ? run[0].label : `${run[0].from} to ${run[run.length - 1].to}`;
}
