// Internal barrel of the authorization concern (not the public API: see server.ts).
export { createHas, withOrgPrefix } from './has.js';
export {
  meetsReverification,
  REVERIFICATION_PRESETS,
  type ReverificationRequirement,
  resolveReverification,
} from './reverification.js';
export {
  REVERIFICATION_DIGEST_PREFIX,
  readReverificationDigest,
  reverificationDigest,
} from './reverification-digest.js';
export {
  isReverificationHint,
  REVERIFICATION_REASON,
  reverificationError,
  reverificationErrorResponse,
} from './reverification-error.js';
