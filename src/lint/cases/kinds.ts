import { TARGET_KINDS } from '../../matrix/kinds.js';

/** The deadline kinds a matrix test may expect: the targets but `update_every`, and the next update. */
export const DEADLINE_KINDS = [...TARGET_KINDS.filter((k) => k !== 'update_every'), 'next_update'] as const;
