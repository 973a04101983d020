# Helpers shared by the end-to-end scripts (sourced).

fail() { echo "FAIL: $*" >&2; exit 1; }

# build DIR LOG: cmake --build, keeping the output for inspection.
build() {
  cmake --build "$1" -j2 > "$2" 2>&1 || { cat "$2"; fail "build of $1 failed"; }
}

# serve_and_check BINARY: starts the app on a free port, asks for /user/7
# over loopback HTTP (bash's /dev/tcp: no client needed) and stops it.
serve_and_check() {
  local binary out port response
  binary=$(realpath "$1")
  out=$(mktemp)
  # From `/`: templates and static files must be found from the app's
  # root, not the working directory.
  (cd / && exec "$binary" develop --no-reload --port 0) > "$out" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do
    port=$(sed -n 's|^ \* Running on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { kill "$pid"; cat "$out"; fail "the app did not start"; }
  response=$(http_get "$port" /user/7)
  [[ "$response" == "HTTP/1.1 200 OK"* ]] || { kill "$pid"; fail "unexpected response: $response"; }
  [[ "$response" == *"Hello, user 7!"* ]] || { kill "$pid"; fail "unexpected body: $response"; }
  # The home page is a template whose links come from url_for; its
  # stylesheet is a static file.
  response=$(http_get "$port" /)
  [[ "$response" == *'href="/static/style.css"'* && "$response" == *'href="/admin/members/ada%20lovelace"'* ]] ||
    { kill "$pid"; fail "unexpected home page: $response"; }
  response=$(http_get "$port" /static/style.css)
  [[ "$response" == *"Content-Type: text/css; charset=utf-8"* && "$response" == *"font-family"* ]] ||
    { kill "$pid"; fail "unexpected stylesheet: $response"; }
  kill -TERM "$pid" && wait "$pid"
  echo "served /user/7, / and /static/style.css"
}

# http_get PORT PATH: the whole response, over bash's /dev/tcp.
http_get() {
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
  timeout 5 cat <&3
  exec 3<&-
}
