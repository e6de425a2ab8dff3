/** The simulation of examples/msp.yaml against the Temporal oracle (test/simulate/oracle.ts). */
import { oracleSuite } from './oracle.js';

oracleSuite('msp.yaml');
