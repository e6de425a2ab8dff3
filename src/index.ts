/** The library API: the pure core, usable without the CLI. */
export { loadMatrix, type LoadResult } from './matrix/load.js';
export { matrixSchema } from './matrix/schema.js';
export type * from './matrix/schema.js';
export type { Diagnostic, Level, Path, Position } from './diagnostics.js';
export { parseDuration, formatDuration } from './time/duration.js';
export { formatReference } from './matrix/reference.js';
export { lintMatrix, type LintOptions, type MatrixLint } from './lint/lint-matrix.js';
export { walk, allPaths, matchAnswer, answerId, type WalkResult, type Answers, type ResolvedOutcome, type QuestionView } from './triage/engine.js';
export { planIncident, type IncidentPlan, type PlanOptions, type PlanResult } from './triage/plan.js';
export { renderSheet, type SheetOptions } from './docs/sheet.js';
export { renderRoleCard } from './docs/role-card.js';
export { diffMatrices } from './diff/diff.js';
export type { MatrixDiff } from './diff/types.js';
export { parseStart, type StartContext, type StartResult } from './time/start.js';
export { contractQuestion, matchContract, type ContractAnswer } from './triage/contract-question.js';
