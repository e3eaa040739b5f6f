/**
 * The fleet budget as one Lua script, so that every server's take and observe is atomic on the shared window. The
 * same rules as `WindowBudget` (rate-limit-budget.ts) with `refuseWhenSpent`: a window rolls after 10 s, the reserve
 * keeps its share from machine-token verifications, a spent window refuses every call while the API reports a
 * limit, a 429 holds verifications back until its `Retry-After`. The hash expires a minute after the window it
 * describes, so an idle instance leaves nothing behind.
 *
 * KEYS[1]: the budget hash. ARGV: op (`take` | `observe`), now (epoch ms), reserved share, assumed limit, call
 * class, then for `observe`: status, limit, remaining, reset-at (epoch ms), retry-after (s); -1 stands for absent.
 * Returns { allowed (1/0), remaining, limit }.
 */
export const BUDGET_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local share = tonumber(ARGV[3])
local state = redis.call('HMGET', key, 'limit', 'remaining', 'resetAt', 'unreported', 'blockedUntil')
local limit = tonumber(state[1]) or tonumber(ARGV[4])
local remaining = tonumber(state[2]) or limit
local resetAt = tonumber(state[3]) or 0
local unreported = state[4] == '1'
local blockedUntil = tonumber(state[5]) or 0
if now >= resetAt then
  remaining = limit
  resetAt = now + 10000
end
local allowed = 1
if op == 'take' then
  local reserved = 0
  if share > 0 then reserved = math.max(1, math.ceil(limit * share)) end
  if ARGV[5] == 'machine_token_verification' then
    if now < blockedUntil then allowed = 0
    elseif (not unreported) and remaining <= reserved then allowed = 0 end
  elseif (not unreported) and remaining <= 0 then
    allowed = 0
  end
  if allowed == 1 then remaining = math.max(0, remaining - 1) end
else
  local status = tonumber(ARGV[6])
  local rlLimit = tonumber(ARGV[7])
  local rlRemaining = tonumber(ARGV[8])
  local rlResetAt = tonumber(ARGV[9])
  local retryAfter = tonumber(ARGV[10])
  local reported = rlLimit >= 0 or rlRemaining >= 0 or rlResetAt >= 0
  if reported then unreported = false
  elseif ARGV[5] == 'machine_token_verification' and status ~= 429 then unreported = true end
  if rlLimit > 0 and rlLimit ~= limit then
    remaining = math.max(0, remaining + rlLimit - limit)
    limit = rlLimit
  end
  if rlRemaining >= 0 then
    if rlResetAt < 0 then
      remaining = math.min(remaining, rlRemaining)
    elseif rlResetAt + 1000 < resetAt then
      -- an answer from a window that has already ended
    else
      if rlResetAt > resetAt + 1000 then remaining = rlRemaining
      else remaining = math.min(remaining, rlRemaining) end
      resetAt = rlResetAt
    end
  end
  if status == 429 then
    remaining = 0
    local wait = 1
    if retryAfter >= 0 then wait = retryAfter end
    local untilMs = now + wait * 1000
    blockedUntil = math.max(blockedUntil, untilMs)
    if retryAfter >= 0 then resetAt = math.max(resetAt, untilMs) end
  end
end
local flag = '0'
if unreported then flag = '1' end
redis.call('HSET', key, 'limit', limit, 'remaining', remaining, 'resetAt', resetAt, 'unreported', flag, 'blockedUntil', blockedUntil)
redis.call('PEXPIRE', key, math.max(resetAt, blockedUntil) - now + 60000)
return { allowed, remaining, limit }
`;
