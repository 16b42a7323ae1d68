"""The container's health check: GET /healthz on the local server is 200 (models loaded, store
reachable). With an API token (TUTORBOT_API_TOKEN, or the file TUTORBOT_API_TOKEN_FILE names)
it is sent as the bearer token /healthz then needs. Exit 0 healthy, 1 not."""
from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

PORT = os.environ.get("TUTORBOT_PORT", "8080")


def token() -> str:
    path = os.environ.get("TUTORBOT_API_TOKEN_FILE")
    if path:
        with open(path, encoding="utf-8") as file:
            return file.read().strip()
    return os.environ.get("TUTORBOT_API_TOKEN", "").strip()


def main() -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}/healthz")
    if token():
        request.add_header("Authorization", f"Bearer {token()}")
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
