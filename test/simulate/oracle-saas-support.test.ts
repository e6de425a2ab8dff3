/** The simulation of examples/saas-support.yaml against the Temporal oracle (test/simulate/oracle.ts). */
import { oracleSuite } from './oracle.js';

oracleSuite('saas-support.yaml');
