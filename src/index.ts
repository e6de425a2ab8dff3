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
export { recordSchema, RECORD_VERSION, type IncidentRecord, type RecordEvent, type PlanSnapshot } from './record/schema.js';
export { readRecord } from './record/read.js';
export { evaluate, type Evaluation, type TargetMark, type StepMark } from './record/evaluate.js';
export { buildReport, type Report, type GroupFigures, type Breach } from './record/report.js';
export { importTickets, PRESETS as IMPORT_PRESETS, type ImportOptions } from './record/import.js';
