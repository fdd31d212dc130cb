-- wrk script: the refresh_token grant, one pre-issued refresh token per request (rotation
-- consumes each token, so none may be sent twice). Thread i of n takes lines i, i+n, i+2n, ...
-- of BENCH_POOL; when its share runs out it sends an unknown token, counted as a non-2xx.
local pool_file = os.getenv("BENCH_POOL")
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS"))
  tokens, pos, line = {}, 1, 0
  for token in io.lines(pool_file) do
    if line % n == id then tokens[#tokens + 1] = token end
    line = line + 1
  end
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = os.getenv("BENCH_AUTH"),
  }
end

function request()
  local token = tokens[pos] or "pool-exhausted"
  pos = pos + 1
  return wrk.format("POST", "/oauth/token", headers, "grant_type=refresh_token&refresh_token=" .. token)
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
