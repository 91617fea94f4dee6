/** A text file a renderer produces for the plan's asset folder (scripts, PLAN.md, plan.json). */
export interface GeneratedFile {
  /** Path inside the asset folder, POSIX separators: 'scripts/01-request-certificate.ps1'. */
  readonly path: string;
  /** Full text, exactly as written to disk. */
  readonly content: string;
  /** One line saying what the file is for (the review document lists it). */
  readonly summary: string;
}
