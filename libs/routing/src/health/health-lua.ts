// Lua for RedisCooldownStore: the same rules as health-transitions.ts, applied atomically in Redis.
// KEYS[1] is the deployment's hash (fields f = consecutive fails, u = cooled until, p = probe lease
// until, v = version); ARGV[1] its id, ARGV[2] the change channel. Every change is published as
// a JSON array [id, f, u, p, v] (numbers as decimal strings, exact for epoch milliseconds).

const PRELUDE = `
local h = redis.call('HMGET', KEYS[1], 'f', 'u', 'p', 'v')
local f, u, p, v = tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0, tonumber(h[4]) or 0
local function bump(now) v = math.max(v + 1, now) end
local function save()
  redis.call('HSET', KEYS[1], 'f', f, 'u', u, 'p', p, 'v', v)
  local n = function(x) return string.format('%.0f', x) end
  redis.call('PUBLISH', ARGV[2], cjson.encode({ARGV[1], n(f), n(u), n(p), n(v)}))
end
`;

/** ARGV[3] now, ARGV[4] allowed fails, ARGV[5] cooldown ms -> {transition, f, u, p, v} */
export const RECORD_FAILURE_LUA = `${PRELUDE}
local now, allowed, cooldown = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local t
if u ~= 0 and now < u then
  t = 'extended'
  u = math.max(u, now + cooldown)
elseif u ~= 0 then
  t = 'recooled'
  u = now + cooldown
  p = 0
else
  f = f + 1
  if f < allowed then
    t = 'counted'
  else
    t = 'cooled'
    u = now + cooldown
    p = 0
  end
end
bump(now)
save()
return {t, f, u, p, v}
`;

/** ARGV[3] now -> {transition, f, u, p, v} */
export const RECORD_SUCCESS_LUA = `${PRELUDE}
local now = tonumber(ARGV[3])
local t = 'unchanged'
if u ~= 0 and now >= u then t = 'restored' elseif u == 0 and f > 0 then t = 'reset' end
if t ~= 'unchanged' then
  f, u, p = 0, 0, 0
  bump(now)
  save()
end
return {t, f, u, p, v}
`;

/** ARGV[3] now, ARGV[4] lease ms -> {claimed (1/0), f, u, p, v} */
export const CLAIM_PROBE_LUA = `${PRELUDE}
local now, lease = tonumber(ARGV[3]), tonumber(ARGV[4])
local claimed = 0
if u ~= 0 and now >= u and p <= now then
  p = now + lease
  bump(now)
  claimed = 1
  save()
end
return {claimed, f, u, p, v}
`;

/** ARGV[3] now, ARGV[4] the lease end returned by the claim -> {f, u, p, v} */
export const RELEASE_PROBE_LUA = `${PRELUDE}
local now, lease = tonumber(ARGV[3]), tonumber(ARGV[4])
if p ~= 0 and p == lease then
  p = 0
  bump(now)
  save()
end
return {f, u, p, v}
`;
