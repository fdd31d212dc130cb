-- GET with an Authorization header from the environment.
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
