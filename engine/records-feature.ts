/**
 * The records feature (engine/features.ts): NONMEM-style records with their steady states, registered by
 * importing this module. The simulation worker imports it on first use, the first request whose records use
 * `cmt`, `rate`, `dur_h`, `ss` or `evid`; engine/all-features.ts imports it for Node.
 */
import { registerFeature } from './features';
import { buildInputs } from './records';
import { isLinearModel } from './linear-steady-state';
import { STEADY_STATE } from './steady-state';
import { checkRecordsForModel } from './records-check';
import { withRecordTimes } from './output-times';

registerFeature('records', { buildInputs, isLinearModel, steadyStateRtol: STEADY_STATE.rtol, checkRecordsForModel, withRecordTimes });
