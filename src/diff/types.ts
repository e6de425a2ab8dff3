/**
 * What a matrix change means, as plain data. The differ produces it, the reporters
 * (terminal, markdown, json) only format it.
 */
import type { Path } from '../diagnostics.js';

/** The areas a change can fall in, in the order reports show them. */
export const AREAS = [
  'severities',
  'targets',
  'owners',
  'roles',
  'escalation',
  'client',
  'triggers',
  'routes',
  'tiers',
  'clients',
  'exceptions',
  'templates',
  'handoff',
  'authority',
  'governance',
  'calendars',
  'upkeep',
  'triage',
  'settings',
] as const;
export type Area = (typeof AREAS)[number];

export const AREA_TITLES: Readonly<Record<Area, string>> = {
  severities: 'Severities',
  targets: 'Targets',
  owners: 'Owners',
  roles: 'Roles and contacts',
  escalation: 'Escalation paths',
  client: 'Client communication',
  triggers: 'Triggers',
  routes: 'Routes',
  tiers: 'Tiers',
  clients: 'Clients',
  exceptions: 'Exceptions',
  templates: 'Templates',
  handoff: 'Handoff',
  authority: 'Frontline authority',
  governance: 'Governance',
  calendars: 'Calendars',
  upkeep: 'Upkeep',
  triage: 'Decision tree',
  settings: 'Lint settings',
};

export type ChangeKind =
  | 'added'
  | 'removed'
  | 'changed'
  /** A severity kept its id and got a new name. */
  | 'renamed'
  /** The same items in a different order. */
  | 'reordered'
  /** An escalation step moved in time. */
  | 'retimed'
  /** An answer kept its id and got a new label. */
  | 'relabelled'
  /** An answer now leads somewhere else: another question or another outcome. */
  | 'retargeted';

/**
 * Whether a change tightens or relaxes a commitment. Only time commitments (targets, steps,
 * the calendars they run on, the incidents an exception covers), severity levels and how
 * formally the client is told carry a direction; everything else is neutral.
 */
export type Direction = 'stricter' | 'looser' | 'neutral';

/** A value before or after a change; entities added or removed are described in a few words. */
export type Value = string | number | boolean | readonly string[];

export interface Change {
  area: Area;
  kind: ChangeKind;
  /** Where in the matrix, by ids rather than list positions where items have ids. */
  path: Path;
  /** What changed, in a few words: "sev2 acknowledge", "route finance", "question core". */
  subject: string;
  /** The field of the subject that changed, when the subject has several. */
  field?: string;
  old?: Value;
  new?: Value;
  direction: Direction;
}

/** Where one answer path ends: the severity, the owning role and the route. */
export interface PathOutcome {
  severity: string;
  owner: string;
  route?: string;
  /** The role the route hands over to, so a re-pointed route shows on the paths that take it. */
  routeTo?: string;
  /** Roles the outcome informs, sorted. */
  inform?: string[];
}

export interface AnswerStep {
  question: string;
  answer: string;
}

export type PathStatus = 'changed' | 'added' | 'removed';
export type OutcomeField = 'severity' | 'owner' | 'route' | 'inform';

export interface PathImpact {
  answers: AnswerStep[];
  /** `added`: the answers only lead to an outcome in the new tree; `removed`: only in the old. */
  status: PathStatus;
  old?: PathOutcome;
  new?: PathOutcome;
  /** For `changed`: which parts of the outcome differ. */
  fields: OutcomeField[];
  /** `looser` when the severity went down, `stricter` when it went up. */
  direction: Direction;
}

export interface TriageImpact {
  /** How many distinct answer combinations were compared. */
  checked: number;
  /** How many of them changed, were added or removed (all of them, listed or not). */
  affected: number;
  /** How many of the affected combinations now end at a less severe level (listed or not). */
  lowered: number;
  /** The affected combinations, at most the limit asked for. */
  paths: PathImpact[];
  /** Affected combinations left out of `paths` because of the limit. */
  omitted: number;
  /** The tree has more paths than the enumeration limit; some were not compared. */
  truncated: boolean;
}

export interface DiffSummary {
  changes: number;
  stricter: number;
  looser: number;
  neutral: number;
  /** Answer paths whose outcome changed, appeared or disappeared. */
  affectedPaths: number;
  /** True when the trees had more answer paths than were compared: `affectedPaths` is a lower bound. */
  affectedAtLeast?: boolean;
  /** Answer paths whose severity went down. */
  loweredPaths: number;
}

export interface MatrixDiff {
  changes: Change[];
  impact: TriageImpact;
  summary: DiffSummary;
}
