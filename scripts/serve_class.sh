#!/usr/bin/env bash
# A class on N app processes behind nginx, on one port:
#
#   scripts/serve_class.sh N [PORT]        # e.g. scripts/serve_class.sh 2 8501; Ctrl+C stops all
#
# - N `streamlit run` processes on 127.0.0.1:PORT+1 .. PORT+N, each with its own Python (its own
#   core: one Python process uses about one core however many threads it has);
# - nginx (Debian's package) on PORT, for everyone: cookie affinity (a learner's first request
#   goes to the next process in turn, and the cookie `seqlab_backend` keeps every later request,
#   the websocket included, on that process: a school behind one NAT address would all land on
#   one process with ip_hash), WebSocket upgrade, and Streamlit's own JS/CSS served from disk;
# - the trained default models are computed once, by whichever process takes a default's file
#   lock first, and loaded from disk by the others (SEQCORE_CACHE_DIR, default .cache/models).
#
# Environment: BIND (nginx's address, default 127.0.0.1; 0.0.0.0 for a classroom network),
# SEQCORE_CACHE_DIR, SERVE_RUN_DIR (logs, pids and nginx.conf; default .cache/serve-PORT),
# PYTHON (default .venv/bin/python). Files in SERVE_RUN_DIR: app-<port>.pid, nginx.pid, *.log.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-}
PORT=${2:-8501}
if ! [[ "$N" =~ ^[1-9][0-9]?$ ]] || ! [[ "$PORT" =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1024 ] || [ $((PORT + N)) -gt 65535 ]; then
  echo "usage: scripts/serve_class.sh N [PORT]   (N app processes, 1-99; PORT 1024-65535, default 8501)" >&2
  exit 2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then
  echo "nginx is missing: apt-get install nginx (bash .ci/run installs it)" >&2
  exit 2
fi
PYTHON=${PYTHON:-.venv/bin/python}
BIND=${BIND:-127.0.0.1}
RUN=$(realpath -m "${SERVE_RUN_DIR:-.cache/serve-$PORT}")
export SEQCORE_CACHE_DIR=$(realpath -m "${SEQCORE_CACHE_DIR:-.cache/models}")
mkdir -p "$RUN" "$SEQCORE_CACHE_DIR"
STATIC=$("$PYTHON" -c "import os, streamlit; print(os.path.join(os.path.dirname(streamlit.__file__), 'static'))")
# One cookie secret for the class: a learner moved to another process (its own died) keeps
# a valid XSRF cookie.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

servers="" pools="" routes=""
for i in $(seq 1 "$N"); do
  p=$((PORT + i))
  servers+="    server 127.0.0.1:$p max_fails=0;"$'\n'
  # A learner's own process first; the others only if it is down.
  pools+="upstream seqlab_$p {"$'\n'"    server 127.0.0.1:$p;"$'\n'
  for j in $(seq 1 "$N"); do [ "$j" = "$i" ] || pools+="    server 127.0.0.1:$((PORT + j)) backup;"$'\n'; done
  pools+="}"$'\n'
  routes+="    \"127.0.0.1:$p\" seqlab_$p;"$'\n'
  "$PYTHON" -m streamlit run streamlit_app.py --server.headless true --server.address 127.0.0.1 \
    --server.port "$p" --server.fileWatcherType none >"$RUN/app-$p.log" 2>&1 &
  pids+=($!)
  echo $! >"$RUN/app-$p.pid"
done

user=""
if [ "$(id -u)" = "0" ]; then
  user="user www-data www-data;"  # never run the workers as root
  mkdir -p "$RUN/tmp" && chown www-data:www-data "$RUN/tmp"
fi
mkdir -p "$RUN/tmp"
cat >"$RUN/nginx.conf" <<EOF
# Written by scripts/serve_class.sh $N $PORT
$user
worker_processes 1;
pid $RUN/nginx.pid;
error_log $RUN/nginx-error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $RUN/tmp/body;
  proxy_temp_path $RUN/tmp/proxy;
  fastcgi_temp_path $RUN/tmp/fastcgi;
  uwsgi_temp_path $RUN/tmp/uwsgi;
  scgi_temp_path $RUN/tmp/scgi;
  client_max_body_size 12m;  # the stock page's uploads (.streamlit/config.toml: 10 MB)

  upstream seqlab_all {  # a new learner: the next process in turn
$servers  }
$pools
  map \$cookie_seqlab_backend \$seqlab_pool {
$routes    default seqlab_all;
  }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" ""; }

  server {
    listen $BIND:$PORT;
    location @app {
      proxy_pass http://\$seqlab_pool;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_read_timeout 1d;
      proxy_send_timeout 1d;
      proxy_buffering off;
      add_header Set-Cookie "seqlab_backend=\$upstream_addr; Path=/; HttpOnly; SameSite=Lax" always;
    }
    location / { try_files /nonexistent @app; }
    # Streamlit's own JS and CSS (hashed names): from disk, compressed once per response by nginx.
    location /static/ {
      root $STATIC;
      try_files \$uri @app;
      add_header Cache-Control "public, immutable, max-age=31536000";
      gzip on;
      gzip_types text/css application/javascript application/json image/svg+xml;
    }
  }
}
EOF

# Ready when every app process answers.
for i in $(seq 1 "$N"); do
  p=$((PORT + i))
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$p/_stcore/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then echo "app process on $p exited: see $RUN/app-$p.log" >&2; exit 1; fi
    sleep 0.5
  done
done
"$NGINX" -t -q -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/nginx-error.log"
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/nginx-error.log" &
pids+=($!)
echo "serving on http://$BIND:$PORT with $N app processes (ports $((PORT + 1))-$((PORT + N))); models in $SEQCORE_CACHE_DIR"
wait -n "${pids[@]}" || true
echo "a process exited: stopping the class server" >&2
