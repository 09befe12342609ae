import { RedisScript } from './redis-script';

/**
 * Budget reservation: all windows or none.
 * KEYS: counters. ARGV[1]: amount, ARGV[1+i]: limit of KEYS[i], ARGV[1+n+i]: ttl ms of KEYS[i],
 * ARGV[1+2n+i]: 1 when KEYS[i] must exist.
 * Returns {1, 0, spent}, {0, index of the first exceeded window, spent unchanged} or
 * {2, indexes of the absent must-exist windows, spent unchanged}.
 */
export const RESERVE = new RedisScript(`
local amount = tonumber(ARGV[1])
local n = #KEYS
local spent = {}
local missing = {}
for i = 1, n do
  local value = redis.call('GET', KEYS[i])
  if not value and ARGV[1 + 2 * n + i] == '1' then
    missing[#missing + 1] = i
  end
  spent[i] = tonumber(value or '0')
end
if #missing > 0 then
  return {2, missing, spent}
end
for i = 1, n do
  if spent[i] + amount > tonumber(ARGV[1 + i]) then
    return {0, i, spent}
  end
end
for i = 1, n do
  spent[i] = redis.call('INCRBY', KEYS[i], amount)
  if redis.call('PTTL', KEYS[i]) < 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1 + n + i])
  end
end
return {1, 0, spent}
`);

/**
 * Adds a delta to every counter; a new counter gets the window's ttl.
 * KEYS: counters. ARGV[1]: delta, ARGV[1+i]: ttl ms of KEYS[i]. Returns the new values.
 */
export const ADJUST = new RedisScript(`
local values = {}
for i = 1, #KEYS do
  values[i] = redis.call('INCRBY', KEYS[i], ARGV[1])
  if redis.call('PTTL', KEYS[i]) < 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1 + i])
  end
end
return values
`);

/**
 * Sliding-window log. KEYS[1]: sorted set of grants (member "<seq>:<cost>", score = grant time in ms),
 * KEYS[2]: hash {used = sum of costs in the set, seq}. ARGV: windowMs, limit, cost.
 * The clock is Redis's own, so every gateway replica sees the same window.
 * Returns {allowed 0|1, used, retryAfterMs, grant member when allowed}.
 */
export const SLIDING_WINDOW = new RedisScript(`
local window_ms = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cutoff = now - window_ms

local function cost_of(member)
  return tonumber(string.match(member, ':(%d+)$'))
end

local used = tonumber(redis.call('HGET', KEYS[2], 'used') or '0')
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', cutoff)
if #expired > 0 then
  for _, member in ipairs(expired) do used = used - cost_of(member) end
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', cutoff)
  redis.call('HSET', KEYS[2], 'used', used)
end

if used + cost <= limit then
  local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
  local member = seq .. ':' .. cost
  redis.call('ZADD', KEYS[1], now, member)
  used = redis.call('HINCRBY', KEYS[2], 'used', cost)
  redis.call('PEXPIRE', KEYS[1], window_ms)
  redis.call('PEXPIRE', KEYS[2], window_ms)
  return {1, used, 0, member}
end

local must_free = used + cost - limit
local freed = 0
local grants = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #grants, 2 do
  freed = freed + cost_of(grants[i])
  if freed >= must_free then
    return {0, used, tonumber(grants[i + 1]) + window_ms - now}
  end
end
return {0, used, window_ms}
`);

/**
 * Resizes a sliding-window grant that is still in the window. KEYS as SLIDING_WINDOW's; ARGV[1]:
 * the grant ("<seq>:<cost>"), ARGV[2]: its new cost. Returns 1, or 0 when the grant has slid out.
 */
export const RESIZE_GRANT = new RedisScript(`
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then
  return 0
end
local seq, old = string.match(ARGV[1], '^(%d+):(%d+)$')
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], score, seq .. ':' .. ARGV[2])
redis.call('HINCRBY', KEYS[2], 'used', tonumber(ARGV[2]) - tonumber(old))
return 1
`);
