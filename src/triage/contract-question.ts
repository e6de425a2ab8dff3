/**
 * The contract as a triage question: which client or tier the incident is for, or none.
 * Asked after the tree when the matrix has clients or tiers, because a contract changes
 * the deadlines (never the severity). Scripts answer it like a tree question
 * (`--answer contract=CHOICE`) or with `--client` / `--tier`. Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import type { QuestionView } from './engine.js';

export const CONTRACT_QUESTION = 'contract';
export const NO_CONTRACT = 'none';
const TIER_PREFIX = 'tier:';

/** What an answer to the contract question names. */
export type ContractAnswer = { kind: 'none' } | { kind: 'client'; id: string } | { kind: 'tier'; id: string };

/** Whether triage asks for a contract: the matrix defines clients or tiers. */
export const hasContracts = (matrix: Matrix): boolean => Object.keys(matrix.clients ?? {}).length > 0 || Object.keys(matrix.tiers ?? {}).length > 0;

/** The contract question with its choices: none first, then each client, then each tier. */
export function contractQuestion(matrix: Matrix): QuestionView {
  const clients = Object.entries(matrix.clients ?? {}).map(([id, c]) => ({ id, label: `${c.name} (client, tier ${c.tier})`, unsure: false }));
  const tiers = Object.keys(matrix.tiers ?? {}).map((id) => ({ id: `${TIER_PREFIX}${id}`, label: `Tier ${id} (no named client)`, unsure: false }));
  return {
    id: CONTRACT_QUESTION,
    text: 'Which contract applies?',
    help: 'A client or tier changes the deadlines and who is told, never the severity.',
    choices: [{ id: NO_CONTRACT, label: 'None / standard contract', unsure: false }, ...clients, ...tiers],
  };
}

/** The contract an answer names: a choice id or label, a client id, or a tier id (`tier:ID`, or bare when no client has that id). */
export function matchContract(matrix: Matrix, given: string): ContractAnswer | undefined {
  const wanted = given.trim().toLowerCase();
  if (wanted === NO_CONTRACT) return { kind: 'none' };
  const clients = Object.keys(matrix.clients ?? {});
  const tiers = Object.keys(matrix.tiers ?? {});
  const client = clients.find((id) => id.toLowerCase() === wanted);
  if (client) return { kind: 'client', id: client };
  const bare = wanted.startsWith(TIER_PREFIX) ? wanted.slice(TIER_PREFIX.length) : wanted;
  const tier = tiers.find((id) => id.toLowerCase() === bare);
  if (tier) return { kind: 'tier', id: tier };
  const byLabel = contractQuestion(matrix).choices.find((c) => c.label.toLowerCase() === wanted);
  return byLabel ? matchContract(matrix, byLabel.id) : undefined;
}
