/**
 * The checks the loader makes before any rule runs (YAML, schema, references). They are
 * always errors and cannot be switched off: a matrix that fails them cannot be trusted at
 * all. Listed here so SARIF can describe every code a run may report, and so docs/rules.md
 * can say which check covers which mistake.
 */
export interface FormatCheck {
  id: string;
  rationale: string;
  /** Every check is an error except the few that say so. */
  level?: 'warning';
}

export const FORMAT_CHECKS: readonly FormatCheck[] = [
  { id: 'yaml-syntax', rationale: 'The file is not valid YAML.' },
  { id: 'duplicate-key', rationale: 'A key appears twice in one mapping; YAML would silently keep the last.' },
  { id: 'multiple-documents', rationale: 'A matrix is one YAML document.' },
  { id: 'yaml-tag', rationale: 'Custom tags are refused, never executed.' },
  { id: 'yaml-directive', rationale: '%YAML 1.1 changes values silently (yes/no booleans, merge keys).' },
  { id: 'non-string-key', rationale: 'Keys are plain strings.' },
  { id: 'alias-limit', rationale: 'Aliases that expand too far are an attack, not a matrix.' },
  { id: 'yaml-too-complex', rationale: 'The YAML cannot be read safely.' },
  { id: 'too-deep', rationale: 'The YAML nests deeper than any matrix needs.' },
  { id: 'unknown-alias', rationale: 'An alias (*name) refers to an anchor that is not defined.' },
  { id: 'recursive-alias', rationale: 'An alias inside the node its own anchor names would make a value that holds itself.' },
  { id: 'not-text', rationale: 'The file is binary, not YAML text.' },
  { id: 'file-too-large', rationale: 'The file is far larger than any matrix; it is refused before parsing.' },
  { id: 'not-a-matrix', rationale: 'The file is empty or not a mapping.' },
  { id: 'forbidden-key', rationale: '`__proto__` is refused anywhere in a matrix.' },
  { id: 'unknown-key', rationale: 'A key the format does not know, usually a typo (with a did-you-mean).' },
  { id: 'missing-key', rationale: 'A required key is missing, such as a level without an owner or a matrix without an owner.' },
  { id: 'invalid-type', rationale: 'A value has the wrong type, such as two owners listed for one level.' },
  { id: 'invalid-value', rationale: 'A value outside the allowed choices.' },
  { id: 'invalid-size', rationale: 'A list or text that is too short or too long.' },
  { id: 'invalid-id', rationale: 'An id that is not lower-case letters, digits, "-" or "_".' },
  { id: 'invalid-duration', rationale: 'A duration that is not like 15m, 2h, 1d, 1h30m or 2w, or a zero target.' },
  { id: 'invalid-date', rationale: 'A date or time that is malformed or not in the calendar.' },
  { id: 'invalid-timezone', rationale: 'A time zone that is not an IANA name.' },
  { id: 'answer-target', rationale: 'A triage answer needs exactly one of `next` or `outcome`.' },
  { id: 'paging-target-kind', rationale: 'A PagerDuty paging target names exactly one of a user, a schedule or an escalation policy.' },
  { id: 'duplicate-id', rationale: 'Two severities share an id.' },
  { id: 'unknown-role', rationale: 'An owner, escalation target or contact names a role that is not defined.' },
  { id: 'unknown-severity', rationale: 'An outcome, trigger or contract names a severity that is not defined.' },
  { id: 'unknown-question', rationale: 'An answer or the start names a question that is not defined.' },
  { id: 'unknown-route', rationale: 'An outcome or trigger names a route that is not defined.' },
  { id: 'unknown-calendar', rationale: 'A level or tier names a calendar that is not defined.' },
  { id: 'unknown-tier', rationale: 'A client names a tier that is not defined.' },
  { id: 'unknown-client', rationale: 'An exception names a client that is not defined.' },
  { id: 'unknown-handoff-field', rationale: 'A level requires a handoff field that is not defined.' },
  { id: 'invalid-path', rationale: "A calendar's `holidays_from` is not a relative path inside the matrix's folder." },
  { id: 'holidays-file', rationale: "A calendar's holidays file is missing, unreadable, outside the matrix's folder, not a regular file, too large, or has errors." },
  { id: 'ics-syntax', rationale: 'A holidays file is not a well-formed iCalendar file (reported at its line).' },
  { id: 'ics-event', rationale: 'An event in a holidays file cannot be read as whole-day holidays (no DTSTART, a malformed date, DTEND before DTSTART, a bad recurrence).' },
  { id: 'ics-too-many', rationale: 'A recurrence in a holidays file repeats too often, or the file names too many dates, to be holidays.' },
  { id: 'ics-timed-event', rationale: 'An event in a holidays file has a time of day; it is skipped (a warning), since a holiday is a whole day.', level: 'warning' },
];
