/** Governance review thresholds in words (free text or structured triggers). Pure, and free of the schema library. */
import type { GovernanceTrigger } from './schema.js';

/** The text of a governance review threshold, free or structured. */
export const thresholdText = (t: string | GovernanceTrigger): string => (typeof t === 'string' ? t : t.text);
/** A structured trigger's condition in words: `p1 · breaches resolution · more than 2 within 90d per client`. */
export function triggerCondition(t: GovernanceTrigger): string {
  const parts = [t.severities?.length ? t.severities.join(', ') : 'any severity'];
  if (t.breaches) parts.push(t.breaches === 'any' ? 'breaches any target' : `breaches ${t.breaches}`);
  parts.push(t.more_than ? `more than ${t.more_than}${t.within ? ` within ${t.within}` : ''}${t.per ? ` per ${t.per}` : ''}` : 'each incident');
  return parts.join(' · ');
}
