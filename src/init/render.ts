/**
 * `escalate init`'s starter matrices: a generic template filled with the team's answers
 * (name, time zone, the role that owns the matrix, today's date as the review date) and the
 * editor modeline. Pure: the CLI gathers the answers and writes the files.
 *
 * The templates are filled line by line rather than re-serialised, so their comments,
 * flow mappings and layout reach the team exactly as written.
 */
import clientVendor from './templates/client-vendor.js';
import msp from './templates/msp.js';
import support from './templates/support.js';

export interface InitTemplate {
  /** One line for `--help` and the prompt. */
  summary: string;
  /** The team name offered when none is given. */
  team: string;
  description(team: string): string;
  text: string;
}

export const TEMPLATES = {
  support: {
    summary: 'a support team: four levels, routes to engineering, billing, security and a vendor',
    team: 'Customer support',
    description: (team) => `How ${team} classifies, routes and communicates customer-reported issues, from a cosmetic bug to a platform-wide outage.`,
    text: support,
  },
  msp: {
    summary: 'a managed service provider: L1/L2/L3 and service management, tiers per client',
    team: 'IT managed services',
    description: (team) => `How ${team} escalates incidents for every managed client. Per-client contracts change the response targets and who is told, never the priority.`,
    text: msp,
  },
  'client-vendor': {
    summary: 'a vendor running operations for a client: operational, management, client, executive',
    team: 'Client account',
    description: (team) => `The escalation matrix agreed between ${team} and the client for the programmes it runs; reviewed each quarter at the business review.`,
    text: clientVendor,
  },
} as const satisfies Record<string, InitTemplate>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export interface RoleChoice {
  id: string;
  title: string;
}

/** A role that does not exist in the template yet, created as the matrix owner. */
export interface NewRole {
  id: string;
  title: string;
  contact: string;
}

export interface InitAnswers {
  template: TemplateName;
  team: string;
  timezone: string;
  /** The role accountable for keeping the matrix current: a template role id, or a new role. */
  owner: string | NewRole;
  /** YYYY-MM-DD. */
  reviewed: string;
  /** The modeline's path to the JSON Schema, relative to the matrix file's folder. */
  schema: string;
}

export const ROLE_ID = /^[a-z0-9][a-z0-9_-]*$/;
/** Characters that would let a name rewrite a terminal or hide text: control and bidi codes. */
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Why a team name or role title cannot be used, or undefined when it can. */
export function textProblem(text: string, what: string): string | undefined {
  if (text.trim() === '') return `${what} must not be empty`;
  if (UNSAFE_TEXT.test(text)) return `${what} must not contain control characters`;
  if (text.length > 100) return `${what} is longer than 100 characters`;
  return undefined;
}

/** The internal roles of a template, which may own the matrix (the order they are defined in). */
export function ownerChoices(template: TemplateName): RoleChoice[] {
  const roles = TEMPLATES[template].text.split('\nroles:\n')[1]!.split('\n\n')[0]!;
  const choices: RoleChoice[] = [];
  for (const block of roles.split(/\n(?=  [a-z0-9])/)) {
    const id = /^ {2}([a-z0-9][a-z0-9_-]*):/.exec(block)?.[1];
    const title = /\n {4}title: (.*)/.exec(block)?.[1];
    if (id && title && !/\n {4}side: (client|vendor)/.test(block)) choices.push({ id, title: title.trim() });
  }
  return choices;
}

/** Every role id of a template, internal or not. */
export const roleIds = (template: TemplateName): string[] =>
  [...TEMPLATES[template].text.split('\nroles:\n')[1]!.split('\n\n')[0]!.matchAll(/^ {2}([a-z0-9][a-z0-9_-]*):/gm)].map((m) => m[1]!);

/** The role that owns the matrix in a template as shipped. */
export const defaultOwner = (template: TemplateName): string => /\nowner: ([\w-]+)/.exec(TEMPLATES[template].text)![1]!;

export function renderMatrix(answers: InitAnswers): string {
  const template = TEMPLATES[answers.template];
  const owner = typeof answers.owner === 'string' ? answers.owner : answers.owner.id;
  const fields: Record<string, string> = {
    name: answers.team,
    description: template.description(answers.team),
    owner,
    reviewed: answers.reviewed,
    timezone: answers.timezone,
  };
  let text: string = template.text;
  for (const [key, value] of Object.entries(fields)) text = text.replace(new RegExp(`^${key}: .*$`, 'm'), () => `${key}: ${scalar(value)}`);
  if (typeof answers.owner !== 'string') {
    const role = answers.owner;
    text = text.replace(/^roles:\n/m, () => `roles:\n  ${role.id}:\n    title: ${scalar(role.title)}\n    contact: ${scalar(role.contact)}\n    description: Keeps this matrix current and reviews it.\n`);
  }
  return `# yaml-language-server: $schema=${answers.schema}\n#\n${text}`;
}

/** A YAML scalar for a text: plain when it reads back as the same string, else double-quoted. */
export function scalar(text: string): string {
  const plain = /^[A-Za-z0-9][\w .,()/+&'-]*$/.test(text) && !/\s$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text) && !/^[\d.+-]/.test(text);
  return plain || /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : JSON.stringify(text);
}
