-- wrk script: the same form POST on every request, built from the environment.
--   BENCH_PATH  request path (/introspect, /oauth/token)
--   BENCH_BODY  form body, already URL-encoded
--   BENCH_AUTH  value of the Authorization header (e.g. "Basic ...")
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
