#!/bin/sh
# The container's entrypoint: for each of tutorbot's secrets NAME below, NAME_FILE may name a file
# (a Docker secret under /run/secrets) whose content becomes NAME, so that no secret is written in
# compose.yaml or shown by `docker inspect`; then `tutorbot "$@"`. An empty file leaves NAME empty
# (a channel whose token is empty is not served).
set -eu
SECRETS="TUTORBOT_DB TUTORBOT_API_TOKEN TUTORBOT_COOKIE_SECRET TELEGRAM_BOT_TOKEN TELEGRAM_SECRET_TOKEN
MESSENGER_PAGE_TOKEN MESSENGER_APP_SECRET MESSENGER_VERIFY_TOKEN"
for name in $SECRETS; do
  file=$(printenv "${name}_FILE" || true)
  [ -n "$file" ] || continue
  if [ -n "$(printenv "$name" || true)" ]; then
    echo "entrypoint: both $name and ${name}_FILE are set; set one" >&2
    exit 2
  fi
  if [ ! -r "$file" ]; then
    echo "entrypoint: ${name}_FILE names $file, which cannot be read" >&2
    exit 2
  fi
  value=$(cat "$file")          # without the trailing newline an editor adds
  export "$name=$value"
  unset "${name}_FILE"
done
exec tutorbot "$@"
