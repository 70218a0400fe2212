"""gunicorn's settings for the archive's app servers (docs/deploy.md):

    gunicorn --config gunicorn.conf.py tracker.wsgi:application --bind 0.0.0.0:8000 --workers 5

Threaded workers (gthread): a reader who downloads slowly (a CSV over a poor connection, or on
purpose) holds one thread while the worker's other threads go on serving, where a sync worker
would serve no one else until that download ends; idle keep-alive connections hold no thread
at all. Each thread has its own database connection: the connections to count are app
servers times workers times threads (docs/deploy.md). Behind a buffering proxy (nginx's default),
the proxy absorbs slow readers too.
"""

import os

worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker takes only as many connections as it has threads. A connection it accepts beyond
# them waits inside it until a thread is free: behind four slow downloads, readers' requests
# waited there for seconds while another worker's threads were idle. Left in the listening
# socket, the next worker with a free thread takes it. Idle keep-alive connections would count
# against this, so none is kept (gunicorn closes each after its answer); a proxy in front keeps
# its own connections to readers.
worker_connections = threads
keepalive = 0
