/**
 * How a row of the coverage matrix ends for the client:
 * 'covered': reached without a warning; 'warning': a certificate warning or a failure
 * the user sees (the reason says which); 'redirectPrompt': Outlook asks the user to allow
 * a redirect; 'fallsThrough': an Autodiscover step that answers nothing, so Outlook moves
 * on silently; 'notReached': the client never gets there; 'risk': what answers is outside
 * the plan and not declared.
 */
export type CoverageResult = 'covered' | 'warning' | 'redirectPrompt' | 'fallsThrough' | 'notReached' | 'risk';
