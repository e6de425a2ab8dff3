/**
 * Every lint rule, in the order docs/rules.md lists them. That table, the SARIF
 * `rules[]` and `--rule` validation all come from here.
 */
import type { RuleInfo, Rule } from './rule.js';
import { treeUnreachable } from './rules/tree-unreachable.js';
import { treeCycle } from './rules/tree-cycle.js';
import { treeDeadEnd } from './rules/tree-dead-end.js';
import { treeFewAnswers } from './rules/tree-few-answers.js';
import { treeDuplicateAnswer } from './rules/tree-duplicate-answer.js';
import { treeUnsureAnswers } from './rules/tree-unsure-answers.js';
import { severityUnreachable } from './rules/severity-unreachable.js';
import { severityTargets } from './rules/severity-targets.js';
import { timingOrder } from './rules/timing-order.js';
import { escalationOrder } from './rules/escalation-order.js';
import { timingMonotonic } from './rules/timing-monotonic.js';
import { updateCadence } from './rules/update-cadence.js';
import { clientNotify } from './rules/client-notify.js';
import { businessHoursCritical } from './rules/business-hours-critical.js';
import { ownerAccountable } from './rules/owner-accountable.js';
import { ownerEngaged } from './rules/owner-engaged.js';
import { roleContact } from './rules/role-contact.js';
import { pagingTarget } from './rules/paging-target.js';
import { unusedRole } from './rules/unused-role.js';
import { levelCount } from './rules/level-count.js';
import { severityExamples } from './rules/severity-examples.js';
import { reviewOverdue } from './rules/review-overdue.js';
import { governanceTrigger } from './rules/governance-trigger.js';
import { exceptionExpired } from './rules/exception-expired.js';
import { holidaysHorizon } from './rules/holidays-horizon.js';
import { exceptionWindow } from './rules/exception-window.js';
import { templatePlaceholder } from './rules/template-placeholder.js';
import { templateValue } from './rules/template-value.js';
import { templateInternalContact } from './rules/template-internal-contact.js';
import { treeUnsureSeverity } from './rules/tree-unsure-severity.js';
import { treeNoUnsure } from './rules/tree-no-unsure.js';
import { escalationLayers } from './rules/escalation-layers.js';
import { escalateAfterStep } from './rules/escalate-after-step.js';
import { timezoneFixed } from './rules/timezone-fixed.js';
import { timezoneCanonical } from './rules/timezone-canonical.js';
import { pagingName } from './rules/paging-name.js';
import { dstWallTime } from './rules/dst-wall-time.js';
import { calendarNoChange } from './rules/calendar-no-change.js';
import { controlCharacters } from './rules/control-characters.js';

/** Rules checked over a matrix that loaded without errors. */
export const MATRIX_RULES: readonly Rule[] = [
  treeUnreachable,
  treeCycle,
  treeDeadEnd,
  treeFewAnswers,
  treeDuplicateAnswer,
  treeUnsureAnswers,
  treeUnsureSeverity,
  treeNoUnsure,
  severityUnreachable,
  severityTargets,
  timingOrder,
  escalationOrder,
  escalationLayers,
  escalateAfterStep,
  timingMonotonic,
  updateCadence,
  clientNotify,
  businessHoursCritical,
  timezoneFixed,
  timezoneCanonical,
  dstWallTime,
  calendarNoChange,
  ownerAccountable,
  ownerEngaged,
  roleContact,
  pagingTarget,
  pagingName,
  unusedRole,
  levelCount,
  severityExamples,
  reviewOverdue,
  governanceTrigger,
  exceptionExpired,
  holidaysHorizon,
  exceptionWindow,
  templatePlaceholder,
  templateValue,
  templateInternalContact,
  controlCharacters,
];

export const CASE_FAILED: RuleInfo = {
  id: 'case-failed',
  group: 'cases',
  level: 'error',
  rationale: 'A matrix test whose answers no longer give the expected severity, owner, route or deadline means the tree changed under the team.',
};

export const CASE_COVERAGE: RuleInfo = {
  id: 'case-coverage',
  group: 'cases',
  level: 'warning',
  rationale: 'With --coverage: a triage outcome no matrix test reaches is policy nobody has checked.',
};

export const UNKNOWN_RULE: RuleInfo = {
  id: 'unknown-rule',
  group: 'config',
  level: 'warning',
  rationale: 'A misspelt rule id under lint.rules silently changes nothing.',
};

export const RULES: readonly RuleInfo[] = [...MATRIX_RULES, CASE_FAILED, CASE_COVERAGE, UNKNOWN_RULE];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));
export const ruleById = (id: string): RuleInfo | undefined => BY_ID.get(id);
