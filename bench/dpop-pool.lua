-- wrk script: a form POST with a fresh DPoP proof per request (a proof is single use, so none
-- is sent twice). Thread i of n takes lines i, i+n, ... of BENCH_POOL; when its share runs out it
-- sends a used proof, refused and counted as a non-2xx.
--   BENCH_PATH, BENCH_BODY, BENCH_AUTH as in post-form.lua; BENCH_POOL, BENCH_THREADS;
--   BENCH_PROOF_HEADER (default DPoP): another name sends the same bytes as a header the service ignores
local pool_file = os.getenv("BENCH_POOL")
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local n = tonumber(os.getenv("BENCH_THREADS"))
  proofs, pos, line = {}, 1, 0
  for proof in io.lines(pool_file) do
    if line % n == id then proofs[#proofs + 1] = proof end
    line = line + 1
  end
  path, body = os.getenv("BENCH_PATH"), os.getenv("BENCH_BODY")
  auth = os.getenv("BENCH_AUTH")
  proof_header = os.getenv("BENCH_PROOF_HEADER") or "DPoP"
end

function request()
  local proof = proofs[pos] or proofs[1]
  pos = pos + 1
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = auth,
    [proof_header] = proof,
  }, body)
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
