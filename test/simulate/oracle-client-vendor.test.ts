/** The simulation of examples/client-vendor.yaml against the Temporal oracle (test/simulate/oracle.ts). */
import { oracleSuite } from './oracle.js';

oracleSuite('client-vendor.yaml');
